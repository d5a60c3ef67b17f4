import type { z } from 'zod';
import { type CompiledCheck, compileCheck, REFUSED } from './compiled-check';
import { type EventLocation, EventValidationError, UnknownEventTypeError } from './event-validation-error';

/** A domain event as deciders and folds see it: a type and its data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** An event as it arrives from outside (a store, a file): not yet trusted. */
export interface UntrustedEvent {
  readonly type: string;
  readonly data: unknown;
  /** The shape's version when it was written; absent means version 1. */
  readonly schemaVersion?: number;
}

/** Turns the data of version `n` into the data of version `n + 1`. */
export type Upcaster = (data: unknown) => unknown;

/** Per event type: an upcaster keyed by the version it reads (`{ 1: v1ToV2 }`). */
export type UpcasterTable = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

export interface EventCatalogueOptions {
  /** The version each type is written at today; types not named are at version 1. */
  readonly versions?: Readonly<Record<string, number>>;
  readonly upcasters?: UpcasterTable;
}

type SchemaOf<E> = z.ZodType<E> & { readonly def: { readonly options: readonly z.ZodType[] } };

/**
 * One place that knows every event shape: what version each is written at, how an old shape is
 * read as the current one (upcasting), and how to parse untrusted input into a typed event with
 * an error that names the event, the field and the reason.
 */
export class EventCatalogue<E extends DomainEvent> {
  readonly #schema: z.ZodType<E>;
  readonly #types: ReadonlySet<string>;
  readonly #versions: Readonly<Record<string, number>>;
  readonly #upcasters: UpcasterTable;
  /** Per type, the compiled check of its `{ type, data }` where the schema allows one (compiled-check.ts). */
  readonly #compiled = new Map<string, CompiledCheck>();

  constructor(schema: SchemaOf<E>, options: EventCatalogueOptions = {}) {
    this.#schema = schema;
    const types: string[] = [];
    for (const option of schema.def.options) {
      const typeField = (option as z.ZodObject<{ type: z.ZodLiteral<string> }>).shape.type;
      const type = String(typeField.value);
      types.push(type);
      const check = compileCheck(option);
      if (check !== undefined) this.#compiled.set(type, check);
    }
    this.#types = new Set(types);
    this.#versions = options.versions ?? {};
    this.#upcasters = options.upcasters ?? {};
  }

  /** Every event type this catalogue knows. */
  get types(): readonly string[] {
    return [...this.#types];
  }

  knows(type: string): type is E['type'] {
    return this.#types.has(type);
  }

  /** The version an event of `type` is written at today. */
  versionOf(type: string): number {
    return this.#versions[type] ?? 1;
  }

  /** A catalogue with more upcasters, for reading shapes an app wrote before it changed them. */
  withUpcasters(upcasters: UpcasterTable): EventCatalogue<E> {
    const merged: Record<string, Record<number, Upcaster>> = {};
    for (const table of [this.#upcasters, upcasters]) {
      for (const [type, byVersion] of Object.entries(table)) merged[type] = { ...merged[type], ...byVersion };
    }
    return new EventCatalogue(this.#schema as SchemaOf<E>, { versions: this.#versions, upcasters: merged });
  }

  /**
   * Checks and upcasts `raw`, returning a typed event. Throws `UnknownEventTypeError` or
   * `EventValidationError`, each carrying `location` so the message says where the event was.
   */
  parse(raw: UntrustedEvent, location: EventLocation = {}): E {
    if (!this.#types.has(raw.type)) throw new UnknownEventTypeError(raw.type, location);
    const data = this.#upcast(raw, location);
    const checked = this.#compiledParse(raw.type, data);
    if (checked !== REFUSED) return checked as E;
    // Refused (or not compiled): zod decides again and says why.
    const result = this.#schema.safeParse({ type: raw.type, data });
    if (result.success) return result.data;
    throw new EventValidationError(
      raw.type,
      result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), reason: issue.message })),
      location,
    );
  }

  /** The compiled verdict: the parsed event, or REFUSED (also when its type has no compiled check). */
  #compiledParse(type: string, data: unknown): unknown {
    const check = this.#compiled.get(type);
    if (check === undefined) return REFUSED;
    try {
      return check({ type, data });
    } catch {
      // A refinement that throws: zod runs it again and reports it its own way.
      return REFUSED;
    }
  }

  #upcast(raw: UntrustedEvent, location: EventLocation): unknown {
    const target = this.versionOf(raw.type);
    let version = raw.schemaVersion ?? 1;
    let data = raw.data;
    if (version > target) {
      throw new EventValidationError(
        raw.type,
        [{ path: 'schemaVersion', reason: `version ${version} is newer than this code reads (${target})` }],
        location,
      );
    }
    while (version < target) {
      const upcaster = this.#upcasters[raw.type]?.[version];
      if (upcaster === undefined) {
        throw new EventValidationError(
          raw.type,
          [{ path: 'schemaVersion', reason: `no upcaster from version ${version} to ${version + 1}` }],
          location,
        );
      }
      data = upcaster(data);
      version += 1;
    }
    return data;
  }
}

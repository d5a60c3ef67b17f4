/** A value a kept row can be selected by: a short string, or null for "not in this index". */
export type IndexValue = string | null;

export interface KeptCollectionOptions<V> {
  /**
   * Values a query selects rows by without loading the rest (the board's status, a timeline's
   * customer). Each is a column beside the row in SQL stores, so at most three, in this order.
   */
  readonly indexes?: Readonly<Record<string, (value: V) => IndexValue>>;
}

/** The most indexes a collection may declare: the columns each store keeps for them. */
export const maxIndexesPerCollection = 3;

/**
 * One keyed part of a read model's state (the board's orders, the stock counts' SKUs): a `Map` by
 * string key that also remembers which keys changed since its last save.
 *
 * A read model kept in a store's tables is saved row by row: one row per key, written only when
 * that key changed, so saving after one new event costs one or two rows, not the whole state. A
 * fold that mutates a value in place says so with `touch(key)`; `set` and `delete` say it
 * themselves. (A missed `touch` leaves the saved row stale: the law that holds a kept read model
 * equal to a full replay catches it.)
 *
 * Values must be JSON-safe: they are written as JSON, one row each.
 */
export class KeptCollection<V> implements Iterable<[string, V]> {
  readonly indexNames: readonly string[];
  readonly #indexes: readonly ((value: V) => IndexValue)[];
  readonly #values = new Map<string, V>();
  /** Keys changed since the last save; undefined while changes are not tracked (a plain replay). */
  #changed: Set<string> | undefined;

  constructor(options: KeptCollectionOptions<V> = {}) {
    const entries = Object.entries(options.indexes ?? {});
    if (entries.length > maxIndexesPerCollection) {
      throw new RangeError(`a kept collection has at most ${maxIndexesPerCollection} indexes, got ${entries.length}`);
    }
    this.indexNames = entries.map(([name]) => name);
    this.#indexes = entries.map(([, index]) => index);
  }

  get size(): number {
    return this.#values.size;
  }

  get(key: string): V | undefined {
    return this.#values.get(key);
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  set(key: string, value: V): this {
    this.#values.set(key, value);
    this.#changed?.add(key);
    return this;
  }

  /** Marks the value under `key` as changed in place: it is written at the next save. */
  touch(key: string): void {
    this.#changed?.add(key);
  }

  delete(key: string): boolean {
    this.#changed?.add(key);
    return this.#values.delete(key);
  }

  keys(): IterableIterator<string> {
    return this.#values.keys();
  }

  values(): IterableIterator<V> {
    return this.#values.values();
  }

  entries(): IterableIterator<[string, V]> {
    return this.#values.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.#values.entries();
  }

  /** The collection as a plain object by key: what `JSON.stringify` and `--json` outputs show. */
  toJSON(): Record<string, V> {
    return Object.fromEntries(this.#values);
  }

  get [Symbol.toStringTag](): string {
    return 'KeptCollection';
  }

  /** The index values of `value`, in declaration order. */
  indexValuesOf(value: V): IndexValue[] {
    return this.#indexes.map((index) => index(value));
  }

  /** Starts remembering changed keys (a runner keeping this read model in tables does). */
  trackChanges(): void {
    this.#changed ??= new Set();
  }

  /** The keys changed since the last call, and forgets them. */
  takeChanges(): string[] {
    if (this.#changed === undefined || this.#changed.size === 0) return [];
    const changed = [...this.#changed];
    this.#changed.clear();
    return changed;
  }

  /** Fills the collection from saved rows, without counting them as changes. */
  load(rows: Iterable<readonly [string, V]>): void {
    for (const [key, value] of rows) this.#values.set(key, value);
  }

  /** Empties the collection; every key it held counts as changed. */
  clear(): void {
    if (this.#changed !== undefined) for (const key of this.#values.keys()) this.#changed.add(key);
    this.#values.clear();
  }
}

/** A read model's state made only of kept collections, each under its own name. */
export type KeptState = { readonly [collection: string]: KeptCollection<unknown> };

/** Whether every own field of `state` is a kept collection: such a state can live in tables. */
export function isKeptState(state: unknown): state is KeptState {
  if (typeof state !== 'object' || state === null) return false;
  const fields = Object.values(state);
  return fields.length > 0 && fields.every((field) => field instanceof KeptCollection);
}

/** The named collections of a kept state, in a stable order. */
export function collectionsOf(state: KeptState): [string, KeptCollection<unknown>][] {
  return Object.entries(state).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

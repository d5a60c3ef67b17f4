import type { KeptReadModelStatus, ReadModelTables } from '../event-store/read-model-tables';
import { isKeptState, type KeptCollection } from './kept-collection';
import type { Projection } from './projection';

/** The names of `State`'s kept collections. */
export type CollectionName<State> = {
  [K in keyof State]: State[K] extends KeptCollection<infer _Value> ? K : never;
}[keyof State] &
  string;

/** The value type kept in collection `C` of `State`. */
export type ValueIn<State, C extends keyof State> = State[C] extends KeptCollection<infer V> ? V : never;

/** Which rows of one collection a partial load reads. */
export type RowSelection =
  | 'all'
  | { readonly keys: readonly string[] }
  | { readonly where: string; readonly in: readonly string[] };

function parseRows<V>(rows: readonly [string, string][]): Map<string, V> {
  const parsed = new Map<string, V>();
  for (const [key, json] of rows) parsed.set(key, JSON.parse(json) as V);
  return parsed;
}

/**
 * A read model kept in a store's tables, read without folding anything: one row by key, the rows
 * an index selects, or a state loaded from rows (whole, or only the parts a query needs). What it
 * reads is as of the read model's checkpoint: `ProjectionRunner.catchUp()` first to bring it to
 * the head of the store.
 */
export class KeptReadModel<State> {
  readonly projection: Projection<State>;
  readonly #tables: ReadModelTables;
  readonly #shape: State;

  constructor(tables: ReadModelTables, projection: Projection<State>) {
    const shape = projection.initialState();
    if (!isKeptState(shape)) {
      throw new TypeError(`projection ${projection.name} is not kept: its state is not made of KeptCollections`);
    }
    this.projection = projection;
    this.#tables = tables;
    this.#shape = shape;
  }

  /** Where the kept rows stand; undefined when the read model was never saved. */
  status(): Promise<KeptReadModelStatus | undefined> {
    return this.#tables.status(this.projection.name);
  }

  async get<C extends CollectionName<State>>(collection: C, key: string): Promise<ValueIn<State, C> | undefined> {
    const json = await this.#tables.row(this.projection.name, collection, key);
    return json === undefined ? undefined : (JSON.parse(json) as ValueIn<State, C>);
  }

  async getMany<C extends CollectionName<State>>(
    collection: C,
    keys: readonly string[],
  ): Promise<Map<string, ValueIn<State, C>>> {
    return parseRows(await this.#tables.rowsByKey(this.projection.name, collection, keys));
  }

  /** The rows whose index `index` has one of `values`. */
  async where<C extends CollectionName<State>>(
    collection: C,
    index: string,
    values: readonly string[],
  ): Promise<Map<string, ValueIn<State, C>>> {
    const filter = { index: this.#indexPlace(collection, index), values };
    return parseRows(await this.#tables.rows(this.projection.name, collection, filter));
  }

  async all<C extends CollectionName<State>>(collection: C): Promise<Map<string, ValueIn<State, C>>> {
    return parseRows(await this.#tables.rows(this.projection.name, collection));
  }

  /**
   * A state holding only the rows asked for: every collection not named stays empty. Queries
   * written against the in-memory state run on it unchanged; what they see is what was selected.
   */
  async loadPartial(selection: Partial<Record<CollectionName<State>, RowSelection>>): Promise<State> {
    const state = this.projection.initialState();
    for (const [collection, wanted] of Object.entries(selection) as [CollectionName<State>, RowSelection][]) {
      const rows =
        wanted === 'all'
          ? await this.all(collection)
          : 'keys' in wanted
            ? await this.getMany(collection, wanted.keys)
            : await this.where(collection, wanted.where, wanted.in);
      (state[collection] as KeptCollection<unknown>).load(rows);
    }
    return state;
  }

  /** The whole state, every collection, as last saved. */
  async loadState(): Promise<State> {
    const everything = Object.fromEntries(Object.keys(this.#shape as object).map((name) => [name, 'all']));
    return this.loadPartial(everything as Partial<Record<CollectionName<State>, RowSelection>>);
  }

  #indexPlace(collection: string, index: string): number {
    const kept = (this.#shape as Record<string, KeptCollection<unknown>>)[collection];
    const place = kept?.indexNames.indexOf(index) ?? -1;
    if (place < 0) {
      const known = kept?.indexNames.join(', ') || 'none';
      throw new RangeError(`${this.projection.name}.${collection} has no index "${index}" (its indexes: ${known})`);
    }
    return place;
  }
}

import type {
  KeptReadModelStatus,
  KeptRowFilter,
  ProjectionCheckpoint,
  ReadModelCommit,
  ReadModelTables,
  SaveCheckpointOptions,
} from '@order-ledger/core';
import type { Database, Statement } from 'better-sqlite3';
import { sqliteErrorInWords } from './sqlite-errors';

/** The store's own checkpoint reads and writes, which the rows commit with. */
export interface SqliteCheckpointAccess {
  load(name: string): ProjectionCheckpoint | undefined;
  save(name: string, position: number, options: SaveCheckpointOptions): void;
  delete(name: string): void;
}

type KeyValue = { key: string; value: string };

/**
 * Kept read models in the `read_model_rows` table of the store's file. A commit runs under
 * SQLite's write lock (`BEGIN IMMEDIATE`), so two processes saving one read model are serialised,
 * and the checkpoint compare-and-set inside it lets only the first of them write.
 */
export class SqliteReadModelTables implements ReadModelTables {
  readonly #db: Database;
  readonly #checkpoints: SqliteCheckpointAccess;
  readonly #row: Statement<[string, string, string], string>;
  readonly #all: Statement<[string, string], KeyValue>;
  readonly #byIndex: readonly Statement<[string, string, string], KeyValue>[];
  readonly #upsert: Statement<[string, string, string, string, string | null, string | null, string | null]>;
  readonly #deleteRow: Statement<[string, string, string]>;
  readonly #deleteModel: Statement<[string]>;

  constructor(db: Database, checkpoints: SqliteCheckpointAccess) {
    this.#db = db;
    this.#checkpoints = checkpoints;
    this.#row = db
      .prepare<[string, string, string], string>(
        'SELECT value FROM read_model_rows WHERE model = ? AND collection = ? AND key = ?',
      )
      .pluck();
    this.#all = db.prepare<[string, string], KeyValue>(
      'SELECT key, value FROM read_model_rows WHERE model = ? AND collection = ? ORDER BY key',
    );
    // The index values come as one JSON array parameter, so one statement serves any number.
    this.#byIndex = [0, 1, 2].map((index) =>
      db.prepare<[string, string, string], KeyValue>(
        `SELECT key, value FROM read_model_rows WHERE model = ? AND collection = ?
         AND index${index} IN (SELECT value FROM json_each(?)) ORDER BY key`,
      ),
    );
    this.#upsert = db.prepare(
      `INSERT INTO read_model_rows (model, collection, key, value, index0, index1, index2) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (model, collection, key) DO UPDATE SET value = excluded.value,
       index0 = excluded.index0, index1 = excluded.index1, index2 = excluded.index2`,
    );
    this.#deleteRow = db.prepare('DELETE FROM read_model_rows WHERE model = ? AND collection = ? AND key = ?');
    this.#deleteModel = db.prepare('DELETE FROM read_model_rows WHERE model = ?');
  }

  async status(model: string): Promise<KeptReadModelStatus | undefined> {
    const checkpoint = this.#checkpoints.load(model);
    return checkpoint === undefined ? undefined : { position: checkpoint.position, version: checkpoint.version };
  }

  async row(model: string, collection: string, key: string): Promise<string | undefined> {
    return this.#row.get(model, collection, key);
  }

  async rowsByKey(model: string, collection: string, keys: readonly string[]): Promise<[string, string][]> {
    const found: [string, string][] = [];
    for (const key of [...new Set(keys)].sort()) {
      const value = this.#row.get(model, collection, key);
      if (value !== undefined) found.push([key, value]);
    }
    return found;
  }

  async rows(model: string, collection: string, filter?: KeptRowFilter): Promise<[string, string][]> {
    const rows =
      filter === undefined
        ? this.#all.all(model, collection)
        : this.#statementFor(filter.index).all(model, collection, JSON.stringify(filter.values));
    return rows.map((row) => [row.key, row.value]);
  }

  async commit(model: string, commit: ReadModelCommit): Promise<void> {
    try {
      this.#write(model, commit);
    } catch (error) {
      throw sqliteErrorInWords(error, this.#db.name);
    }
  }

  #write(model: string, commit: ReadModelCommit): void {
    this.#db
      .transaction(() => {
        // The compare-and-set: the checkpoint save refuses a position someone else moved.
        this.#checkpoints.save(model, commit.position, { version: commit.version, expected: commit.expected });
        if (commit.reset) this.#deleteModel.run(model);
        for (const { collection, key } of commit.deletes) this.#deleteRow.run(model, collection, key);
        for (const { collection, key, json, indexes } of commit.writes) {
          this.#upsert.run(model, collection, key, json, indexes[0] ?? null, indexes[1] ?? null, indexes[2] ?? null);
        }
      })
      .immediate();
  }

  async drop(model: string): Promise<void> {
    this.#db
      .transaction(() => {
        this.#deleteModel.run(model);
        this.#checkpoints.delete(model);
      })
      .immediate();
  }

  #statementFor(index: number): Statement<[string, string, string], KeyValue> {
    const statement = this.#byIndex[index];
    if (statement === undefined) throw new RangeError(`index ${index} is not one of 0, 1, 2`);
    return statement;
  }
}

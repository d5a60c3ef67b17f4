import type {
  KeptReadModelStatus,
  KeptRowDelete,
  KeptRowFilter,
  KeptRowWrite,
  ProjectionCheckpoint,
  ReadModelCommit,
  ReadModelTables,
} from '@order-ledger/core';
import type pg from 'pg';
import type { PostgresTransaction } from './postgres-event-store';

/** What the tables borrow from their store: its pool, schema, transactions and checkpoints. */
export interface PostgresTablesAccess {
  readonly pool: pg.Pool;
  /** The quoted schema name. */
  readonly schema: string;
  transaction<T>(work: (tx: PostgresTransaction) => Promise<T>): Promise<T>;
  loadCheckpoint(name: string): Promise<ProjectionCheckpoint | undefined>;
}

type KeyValue = { key: string; value: string };

function groupByCollection<T extends { readonly collection: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.collection);
    if (group === undefined) groups.set(row.collection, [row]);
    else group.push(row);
  }
  return groups;
}

/**
 * Kept read models in the schema's `read_model_rows` table. Each commit takes a transaction-level
 * advisory lock named after the read model before its checkpoint compare-and-set, so two
 * processes saving one read model queue up and only the first from a given position writes; the
 * rows go in as one multi-row upsert per save.
 */
export class PostgresReadModelTables implements ReadModelTables {
  readonly #access: PostgresTablesAccess;

  constructor(access: PostgresTablesAccess) {
    this.#access = access;
  }

  async status(model: string): Promise<KeptReadModelStatus | undefined> {
    const checkpoint = await this.#access.loadCheckpoint(model);
    return checkpoint === undefined ? undefined : { position: checkpoint.position, version: checkpoint.version };
  }

  async row(model: string, collection: string, key: string): Promise<string | undefined> {
    const { rows } = await this.#access.pool.query<{ value: string }>(
      `SELECT value::text AS value FROM ${this.#access.schema}.read_model_rows WHERE model = $1 AND collection = $2 AND key = $3`,
      [model, collection, key],
    );
    return rows[0]?.value;
  }

  async rowsByKey(model: string, collection: string, keys: readonly string[]): Promise<[string, string][]> {
    return this.#select(model, collection, 'key = ANY($3::text[])', [...new Set(keys)]);
  }

  async rows(model: string, collection: string, filter?: KeptRowFilter): Promise<[string, string][]> {
    if (filter === undefined) return this.#select(model, collection, 'true', undefined);
    if (![0, 1, 2].includes(filter.index)) throw new RangeError(`index ${filter.index} is not one of 0, 1, 2`);
    return this.#select(model, collection, `index${filter.index} = ANY($3::text[])`, [...filter.values]);
  }

  async commit(model: string, commit: ReadModelCommit): Promise<void> {
    const s = this.#access.schema;
    await this.#access.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${s}.read_model_rows:${model}`]);
      await tx.saveCheckpoint(model, commit.position, { version: commit.version, expected: commit.expected });
      if (commit.reset) await tx.query(`DELETE FROM ${s}.read_model_rows WHERE model = $1`, [model]);
      await this.#delete(tx, model, commit.deletes);
      await this.#write(tx, model, commit.writes);
    });
  }

  async drop(model: string): Promise<void> {
    const s = this.#access.schema;
    await this.#access.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${s}.read_model_rows:${model}`]);
      await tx.query(`DELETE FROM ${s}.read_model_rows WHERE model = $1`, [model]);
      await tx.query(`DELETE FROM ${s}.projection_checkpoints WHERE name = $1`, [model]);
    });
  }

  async #select(
    model: string,
    collection: string,
    where: string,
    values: readonly string[] | undefined,
  ): Promise<[string, string][]> {
    const { rows } = await this.#access.pool.query<KeyValue>(
      `SELECT key, value::text AS value FROM ${this.#access.schema}.read_model_rows
       WHERE model = $1 AND collection = $2 AND ${where} ORDER BY key COLLATE "C"`,
      values === undefined ? [model, collection] : [model, collection, values],
    );
    return rows.map((row) => [row.key, row.value]);
  }

  async #delete(tx: PostgresTransaction, model: string, deletes: readonly KeptRowDelete[]): Promise<void> {
    for (const [collection, rows] of groupByCollection(deletes)) {
      await tx.query(
        `DELETE FROM ${this.#access.schema}.read_model_rows WHERE model = $1 AND collection = $2 AND key = ANY($3::text[])`,
        [model, collection, rows.map((row) => row.key)],
      );
    }
  }

  async #write(tx: PostgresTransaction, model: string, writes: readonly KeptRowWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await tx.query(
      `INSERT INTO ${this.#access.schema}.read_model_rows (model, collection, key, value, index0, index1, index2)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (model, collection, key) DO UPDATE SET value = excluded.value,
       index0 = excluded.index0, index1 = excluded.index1, index2 = excluded.index2`,
      [
        model,
        writes.map((row) => row.collection),
        writes.map((row) => row.key),
        writes.map((row) => row.json),
        writes.map((row) => row.indexes[0] ?? null),
        writes.map((row) => row.indexes[1] ?? null),
        writes.map((row) => row.indexes[2] ?? null),
      ],
    );
  }
}

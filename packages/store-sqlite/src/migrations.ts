import { LedgerError } from '@order-ledger/core';
import type { Database } from 'better-sqlite3';
import { snapshotTableSql } from './snapshots';

/**
 * The schema, one migration per version. The file's version lives in SQLite's own
 * `PRAGMA user_version`, so a file always says which code can read it.
 *
 * Never edit a migration that has shipped: add the next one.
 */
export const migrations: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        position       INTEGER PRIMARY KEY,
        stream_id      TEXT    NOT NULL,
        revision       INTEGER NOT NULL,
        event_id       TEXT    NOT NULL UNIQUE,
        type           TEXT    NOT NULL,
        data           TEXT    NOT NULL,
        metadata       TEXT    NOT NULL,
        schema_version INTEGER NOT NULL,
        recorded_at    TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE projection_checkpoints (
        name       TEXT    PRIMARY KEY,
        position   INTEGER NOT NULL,
        version    INTEGER NOT NULL,
        state      TEXT,
        updated_at TEXT    NOT NULL
      );
    `,
  },
  {
    // Read models kept row by row (ReadModelTables): one row per key of each collection, with up
    // to three index values a query selects rows by. Their checkpoints stay in
    // projection_checkpoints, written in the same transaction as the rows.
    version: 2,
    sql: `
      CREATE TABLE read_model_rows (
        model      TEXT NOT NULL,
        collection TEXT NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        index0     TEXT,
        index1     TEXT,
        index2     TEXT,
        PRIMARY KEY (model, collection, key)
      ) WITHOUT ROWID;
      CREATE INDEX read_model_rows_index0 ON read_model_rows (model, collection, index0) WHERE index0 IS NOT NULL;
      CREATE INDEX read_model_rows_index1 ON read_model_rows (model, collection, index1) WHERE index1 IS NOT NULL;
      CREATE INDEX read_model_rows_index2 ON read_model_rows (model, collection, index2) WHERE index2 IS NOT NULL;
    `,
  },
  // Fold snapshots: a SKU's stock loads from its snapshot and the events after it.
  { version: 3, sql: snapshotTableSql },
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

/**
 * The file was written by a newer order-ledger than this one: opening it could corrupt it.
 * @remedy Upgrade @order-ledger/store-sqlite to the version that wrote the file (or newer).
 */
export class SchemaTooNewError extends LedgerError {
  readonly code = 'SCHEMA_TOO_NEW' as const;

  constructor(file: string, found: number, known: number) {
    super(
      `${file} has schema version ${found}, but this @order-ledger/store-sqlite reads up to ${known}: upgrade the package`,
    );
  }
}

/**
 * Brings the file's schema up to date in one transaction, or refuses a file from the future.
 *
 * The version that decides what to run is read under SQLite's write lock (`BEGIN IMMEDIATE`):
 * processes opening a new file together each find version 0 before any has migrated, so a
 * version read before the lock would have every one of them run the migrations, and all but the
 * first fail ("table events already exists"). The read before the lock only spares an
 * up-to-date file the lock.
 */
export function migrate(db: Database, file: string): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const unlocked = version();
  if (unlocked > latestSchemaVersion) throw new SchemaTooNewError(file, unlocked, latestSchemaVersion);
  if (unlocked === latestSchemaVersion) return;
  db.transaction(() => {
    const current = version();
    if (current > latestSchemaVersion) throw new SchemaTooNewError(file, current, latestSchemaVersion);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

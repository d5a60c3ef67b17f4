import type { PlacedEvent } from '@order-ledger/core/testing';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import BetterSqlite3 from 'better-sqlite3';

/** The raw side's one statement: a row of our `events` table, as the least a driver can write. */
export const sqliteInsertSql = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
                   VALUES (?, ?, ?, ?, ?, ?, 1, ?)`;

export const insertPlaced = (insert: BetterSqlite3.Statement, placed: PlacedEvent, recordedAt: string): void => {
  insert.run(
    placed.streamId,
    placed.revision,
    placed.eventId,
    placed.event.type,
    JSON.stringify(placed.event.data),
    '{}',
    recordedAt,
  );
};

/**
 * A raw better-sqlite3 connection on a new file holding exactly our schema and pragmas (WAL,
 * synchronous=NORMAL), so a raw side and ours differ only in the code path.
 */
export function rawSqliteDatabase(file: string): BetterSqlite3.Database {
  SqliteEventStore.open(file).close();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Writes every event into a new file in one raw transaction: the shared input of the read benchmarks. */
export function rawSqliteHistory(file: string, events: readonly PlacedEvent[]): void {
  const db = rawSqliteDatabase(file);
  const insert = db.prepare(sqliteInsertSql);
  const recordedAt = new Date().toISOString();
  db.transaction(() => {
    for (const placed of events) insertPlaced(insert, placed, recordedAt);
  })();
  db.close();
}

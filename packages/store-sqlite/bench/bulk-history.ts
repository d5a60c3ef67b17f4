import { type HistoryAppend, historyRows } from '@order-ledger/core/testing';
import type { SqliteEventStore } from '../src/sqlite-event-store';

/**
 * Writes a benchmark history straight into the store's table, 100,000 rows per transaction: the
 * rows the store itself would write (the same columns, JSON and schema version), without a
 * transaction and a revision check per append. For building large histories to measure on, never
 * for a user's data (nothing is validated).
 */
export function loadHistoryInBulk(store: SqliteEventStore, appends: readonly HistoryAppend[]): void {
  const insert = store.db.prepare(
    `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  const recordedAt = new Date().toISOString();
  const rows = [...historyRows(appends)];
  const writeBatch = store.db.transaction((batch: typeof rows) => {
    for (const row of batch) {
      insert.run(row.streamId, row.revision, row.eventId, row.type, row.data, row.metadata, recordedAt);
    }
  });
  for (let from = 0; from < rows.length; from += 100_000) writeBatch(rows.slice(from, from + 100_000));
}

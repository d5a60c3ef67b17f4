import { type HistoryAppend, historyRows } from '@order-ledger/core/testing';
import type { PostgresEventStore } from '../src/postgres-event-store';

/**
 * Writes a benchmark history straight into the store's table, 5,000 events per statement (one
 * `INSERT … SELECT FROM unnest(…)`): the rows the store itself would write, without a call to
 * `append_events` per append. For building large histories to measure on, never for a user's data
 * (nothing is validated).
 */
export async function loadHistoryInBulk(store: PostgresEventStore, appends: readonly HistoryAppend[]): Promise<void> {
  const rows = [...historyRows(appends)];
  const table = `"${store.schema.replaceAll('"', '""')}".events`;
  for (let from = 0; from < rows.length; from += 5000) {
    const batch = rows.slice(from, from + 5000);
    await store.pool.query(
      `INSERT INTO ${table} (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
       SELECT s, r, i, t, d, m, 1, now() FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) AS x(s, r, i, t, d, m)`,
      [
        batch.map((row) => row.streamId),
        batch.map((row) => row.revision),
        batch.map((row) => row.eventId),
        batch.map((row) => row.type),
        batch.map((row) => row.data),
        batch.map((row) => row.metadata),
      ],
    );
  }
  await store.pool.query(`ANALYZE ${table}`);
}

/**
 * The PostgreSQL store against raw `pg`, side by side in one run, on one synthetic workload.
 *
 * Appends run ours and raw item by item in one loop, each step timed (medians); the read runs
 * `rounds` times alternating. Every side writes a fresh schema made by our migrations (so both
 * write the same table with the same indexes):
 * - single-event appends with the exact expected revision, one transaction each
 *   (raw: one autocommit INSERT at the known revision; the UNIQUE (stream, revision) index is its check);
 * - whole-order appends: all of one order's events, order and stock streams, in one call
 *   (raw: one autocommit INSERT … SELECT FROM unnest(…) of the same rows);
 * - read everything from the start and fold (raw: the same paged SELECT and fold).
 */
import { compare, compareInterleaved, createFold, type Workload } from '@order-ledger/core/testing';
import { ourReadAllAndFold, ourSingleAppends, ourWholeOrderAppends } from './our-sides';
import {
  insertColumns,
  type PostgresScratch,
  postgresInsertMany,
  postgresInsertOne,
  rawPostgresHistory,
} from './postgres-scratch';
import type { StoreComparisonSizes, StoreComparisons } from './store-comparisons';

export async function measurePostgresVsRaw(
  workload: Workload,
  options: StoreComparisonSizes,
  scratch: PostgresScratch,
): Promise<StoreComparisons> {
  const singles = workload.singles.slice(0, options.singleEvents);
  const wholeOrders = workload.wholeOrders.slice(0, options.wholeOrders);
  const rawClientOnFreshSchema = async () => {
    const store = await scratch.store();
    await store.close();
    return scratch.client(store.schema);
  };

  const single = await compareInterleaved(
    'single-event appends',
    { count: singles.length, unit: 'events' },
    ourSingleAppends(() => scratch.store(), singles),
    async () => {
      const client = await rawClientOnFreshSchema();
      return {
        step: async (index) => {
          const p = singles[index];
          if (p === undefined) return;
          await client.query(postgresInsertOne, [
            p.streamId,
            p.revision,
            p.eventId,
            p.event.type,
            JSON.stringify(p.event.data),
          ]);
        },
        finish: () => client.end(),
      };
    },
  );

  const wholeOrder = await compareInterleaved(
    'whole-order appends',
    { count: wholeOrders.length, unit: 'appends' },
    ourWholeOrderAppends(() => scratch.store(), wholeOrders),
    async () => {
      const client = await rawClientOnFreshSchema();
      return {
        step: async (index) => {
          await client.query(postgresInsertMany, insertColumns((wholeOrders[index] ?? []).flatMap((s) => s.events)));
        },
        finish: () => client.end(),
      };
    },
  );

  // One schema holding the whole workload, read by both sides.
  const readStore = await scratch.store();
  await rawPostgresHistory(scratch, readStore.schema, workload.singles);
  const readAll = await compare(
    'read all and fold',
    { rounds: options.rounds, count: workload.singles.length, unit: 'events' },
    async () => () => ourReadAllAndFold(readStore),
    async () => {
      const client = await scratch.client(readStore.schema);
      return async () => {
        const fold = createFold();
        let after = 0;
        for (;;) {
          const { rows } = await client.query<{
            position: string;
            stream_id: string;
            revision: number;
            type: string;
            data: unknown;
          }>(
            'SELECT position, stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at FROM events WHERE position > $1 ORDER BY position LIMIT 2000',
            [after],
          );
          if (rows.length === 0) break;
          for (const row of rows) fold.apply(row.type, row.stream_id, row.revision, row.data);
          after = Number(rows.at(-1)?.position ?? after);
        }
        if (fold.size() === 0) throw new Error('read nothing');
        await client.end();
      };
    },
  );
  await readStore.close();
  return { single, wholeOrder, readAll };
}

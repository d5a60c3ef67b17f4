/**
 * Our PostgreSQL store against Emmett's (`@event-driven-io/emmett-postgresql` 0.42.0), same
 * workload, same server, side by side in one loop. Emmett keeps its tables in `public`, so it gets
 * a database of its own on the server (emptied with its own `truncate` between comparisons); ours
 * a fresh schema in the usual one for each.
 *
 * - single-event appends with the exact expected version;
 * - whole-order appends: Emmett has no append across streams on PostgreSQL (its exported
 *   `appendToStream` opens a transaction of its own), so its side appends the order's streams one
 *   call after another: NOT atomic, and one commit per stream where ours makes one;
 * - read everything from the start and fold: Emmett's `readMessagesBatch` in pages of 2,000
 *   through its own driver (dumbo), the same fold on both sides.
 */
import { dumbo } from '@event-driven-io/dumbo';
import {
  getPostgreSQLEventStore,
  type PostgresEventStore,
  readMessagesBatch,
} from '@event-driven-io/emmett-postgresql';
import { compare, compareInterleaved, type PlacedEvent, type Workload } from '@order-ledger/core/testing';
import { ourReadAllAndFold, ourSingleAppends, ourWholeOrderAppends } from '../stores/our-sides';
import type { WholeOrder } from '../stores/placed-writes';
import { type PostgresScratch, rawPostgresHistory } from '../stores/postgres-scratch';
import type { StoreComparisonSizes, StoreComparisons } from '../stores/store-comparisons';
import { emmettEvent, emmettExpectedVersion, emmettReadAllAndFold } from './emmett-events';

async function openEmmettPostgres(scratch: PostgresScratch): Promise<{ url: string; store: PostgresEventStore }> {
  const url = await scratch.database();
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  return { url, store };
}

async function appendWholeOrder(store: PostgresEventStore, append: WholeOrder): Promise<void> {
  for (const stream of append) {
    await store.appendToStream(stream.streamId, stream.events.map(emmettEvent), {
      expectedStreamVersion: emmettExpectedVersion(stream.events[0]?.revision ?? 0),
    });
  }
}

/**
 * The whole history into Emmett, one append per stream (every event of the stream at once), four
 * streams at a time: each stream is written once, so the appenders never conflict. Positions then
 * follow the streams, not the history's order; the read benchmark's fold does not depend on it.
 */
async function loadEmmettHistory(store: PostgresEventStore, events: readonly PlacedEvent[]): Promise<void> {
  const byStream = new Map<string, PlacedEvent[]>();
  for (const placed of events) {
    const stream = byStream.get(placed.streamId);
    if (stream === undefined) byStream.set(placed.streamId, [placed]);
    else stream.push(placed);
  }
  const streams = [...byStream.entries()];
  let next = 0;
  const appender = async () => {
    for (let index = next++; index < streams.length; index = next++) {
      const [streamId, stream] = streams[index] as [string, PlacedEvent[]];
      await store.appendToStream(streamId, stream.map(emmettEvent), { expectedStreamVersion: 0n });
    }
  };
  await Promise.all([appender(), appender(), appender(), appender()]);
}

export async function measurePostgresVsEmmett(
  workload: Workload,
  options: StoreComparisonSizes,
  scratch: PostgresScratch,
): Promise<StoreComparisons> {
  const emmett = await openEmmettPostgres(scratch);
  const emptied = async () => {
    await emmett.store.schema.dangerous.truncate({ resetSequences: true });
    return emmett.store;
  };
  try {
    return await compareWithEmmett(workload, options, scratch, { url: emmett.url, emptied });
  } finally {
    await emmett.store.close();
  }
}

async function compareWithEmmett(
  workload: Workload,
  options: StoreComparisonSizes,
  scratch: PostgresScratch,
  emmett: { readonly url: string; readonly emptied: () => Promise<PostgresEventStore> },
): Promise<StoreComparisons> {
  const { emptied } = emmett;
  const singles = workload.singles.slice(0, options.singleEvents);
  const wholeOrders = workload.wholeOrders.slice(0, options.wholeOrders);
  const single = await compareInterleaved(
    'single-event appends',
    { count: singles.length, unit: 'events' },
    ourSingleAppends(() => scratch.store(), singles),
    async () => {
      const store = await emptied();
      return {
        step: async (index) => {
          const placed = singles[index];
          if (placed === undefined) return;
          await store.appendToStream(placed.streamId, [emmettEvent(placed)], {
            expectedStreamVersion: emmettExpectedVersion(placed.revision),
          });
        },
        finish: () => undefined,
      };
    },
  );

  const wholeOrder = await compareInterleaved(
    'whole-order appends',
    { count: wholeOrders.length, unit: 'appends' },
    ourWholeOrderAppends(() => scratch.store(), wholeOrders),
    async () => {
      const store = await emptied();
      return {
        step: async (index) => {
          const append = wholeOrders[index];
          if (append !== undefined) await appendWholeOrder(store, append);
        },
        finish: () => undefined,
      };
    },
  );

  const ours = await scratch.store();
  await rawPostgresHistory(scratch, ours.schema, workload.singles);
  await loadEmmettHistory(await emptied(), workload.singles);
  const pool = dumbo({ connectionString: emmett.url });
  try {
    const readAll = await compare(
      'read all and fold',
      { rounds: options.rounds, count: workload.singles.length, unit: 'events' },
      async () => () => ourReadAllAndFold(ours),
      async () => () =>
        emmettReadAllAndFold(async (after) => {
          const batch = await readMessagesBatch(pool.execute, { after, batchSize: 2000 });
          return { ...batch, more: batch.areMessagesLeft };
        }),
    );
    return { single, wholeOrder, readAll };
  } finally {
    await pool.close();
    await ours.close();
  }
}

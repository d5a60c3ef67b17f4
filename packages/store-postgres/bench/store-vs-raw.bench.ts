/**
 * PostgreSQL store against raw `pg`, side by side in one run, on one synthetic workload.
 *
 *   pnpm --filter @order-ledger/store-postgres bench     (needs a server: ORDER_LEDGER_PG_URL)
 *
 * Appends run ours and raw item by item in one loop, each step timed (medians reported); the read
 * runs ROUNDS times alternating. Every side writes a fresh schema made by our migrations (so both
 * write the same table with the same indexes):
 * - single-event appends with the exact expected revision, one transaction each
 *   (raw: one autocommit INSERT at the known revision; the UNIQUE (stream, revision) index is its check);
 * - whole-order appends: all of one order's events, order and stock streams, in one call
 *   (raw: one autocommit INSERT … SELECT FROM unnest(…) of the same rows);
 * - read everything from the start and fold (raw: the same paged SELECT and fold).
 */
import {
  buildWorkload,
  compare,
  compareInterleaved,
  comparisonHeader,
  createFold,
  formatComparison,
  type PlacedEvent,
} from '@order-ledger/core/testing';
import pg from 'pg';
import { PostgresEventStore } from '../src/postgres-event-store';
import { dropSchema, freshSchema, testDatabaseUrl } from '../src/test-database';

const orders = Number(process.env.BENCH_ORDERS ?? 100_000);
const singleLimit = Number(process.env.BENCH_SINGLE_EVENTS ?? 20_000);
const wholeLimit = Number(process.env.BENCH_WHOLE_ORDERS ?? 10_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const workload = buildWorkload(orders);
const singles = workload.singles.slice(0, singleLimit);
const wholeOrders = workload.wholeOrders.slice(0, wholeLimit);
console.log(
  `workload: ${orders.toLocaleString('en-US')} orders, ${workload.singles.length.toLocaleString('en-US')} events; ` +
    `${rounds} rounds; single appends of the first ${singles.length.toLocaleString('en-US')} events; ` +
    `${wholeOrders.length.toLocaleString('en-US')} whole-order appends`,
);

const schemas: string[] = [];
async function freshStore(): Promise<PostgresEventStore> {
  const schema = freshSchema();
  schemas.push(schema);
  return PostgresEventStore.open({ connection: testDatabaseUrl, schema, poolSize: 2 });
}
async function rawClient(schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  return client;
}
const toNew = (placed: PlacedEvent) => ({ ...placed.event, eventId: placed.eventId });
const insertOne = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
                   VALUES ($1, $2, $3, $4, $5, '{}', 1, now())`;
const insertMany = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
                    SELECT s, r, i, t, d, '{}', 1, now() FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::jsonb[]) AS x(s, r, i, t, d)`;
function columns(events: readonly PlacedEvent[]): unknown[] {
  return [
    events.map((e) => e.streamId),
    events.map((e) => e.revision),
    events.map((e) => e.eventId),
    events.map((e) => e.event.type),
    events.map((e) => JSON.stringify(e.event.data)),
  ];
}

const expectedBefore = (revision: number) => (revision === 0 ? ('no_stream' as const) : revision - 1);

const single = await compareInterleaved(
  'single-event appends',
  { count: singles.length, unit: 'events' },
  async () => {
    const store = await freshStore();
    return {
      step: async (index) => {
        const placed = singles[index] as PlacedEvent;
        await store.appendToStream(placed.streamId, [toNew(placed)], {
          expectedRevision: expectedBefore(placed.revision),
        });
      },
      finish: () => store.close(),
    };
  },
  async () => {
    const store = await freshStore();
    await store.close();
    const client = await rawClient(store.schema);
    return {
      step: async (index) => {
        const p = singles[index] as PlacedEvent;
        await client.query(insertOne, [p.streamId, p.revision, p.eventId, p.event.type, JSON.stringify(p.event.data)]);
      },
      finish: () => client.end(),
    };
  },
);

const whole = await compareInterleaved(
  'whole-order appends',
  { count: wholeOrders.length, unit: 'appends' },
  async () => {
    const store = await freshStore();
    return {
      step: async (index) => {
        const append = wholeOrders[index] ?? [];
        await store.appendToStreams(
          append.map((stream) => ({
            streamId: stream.streamId,
            events: stream.events.map(toNew),
            expectedRevision: expectedBefore(stream.events[0]?.revision ?? 0),
          })),
        );
      },
      finish: () => store.close(),
    };
  },
  async () => {
    const store = await freshStore();
    await store.close();
    const client = await rawClient(store.schema);
    return {
      step: async (index) => {
        await client.query(insertMany, columns((wholeOrders[index] ?? []).flatMap((stream) => stream.events)));
      },
      finish: () => client.end(),
    };
  },
);

// One schema holding the whole workload, read by both sides.
const readStore = await freshStore();
{
  const client = await rawClient(readStore.schema);
  for (let from = 0; from < workload.singles.length; from += 5000) {
    await client.query(insertMany, columns(workload.singles.slice(from, from + 5000)));
  }
  await client.query('VACUUM ANALYZE events');
  await client.end();
}
const read = await compare(
  'read all and fold',
  { rounds, count: workload.singles.length, unit: 'events' },
  async () => async () => {
    const fold = createFold();
    for await (const event of readStore.readAll()) fold.apply(event.type, event.streamId, event.revision, event.data);
    if (fold.size() === 0) throw new Error('read nothing');
  },
  async () => {
    const client = await rawClient(readStore.schema);
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

console.log('\nPostgreSQL (pg 8, server on 127.0.0.1)\n');
console.log(comparisonHeader);
for (const comparison of [single, whole, read]) console.log(formatComparison(comparison));
for (const schema of schemas) await dropSchema(schema);

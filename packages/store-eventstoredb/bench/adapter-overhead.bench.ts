/**
 * What the EventStoreDB store adds on top of the bare client, and how many round trips the
 * ledger's commands cost on a store without atomic multi-stream appends.
 *
 *   pnpm --filter @order-ledger/store-eventstoredb bench     (BENCH_ORDERS=2000 by default)
 *
 * Both sides talk to the in-process test server through the real client, so the server's cost
 * falls on both alike and the ratio is the adapter's overhead (validation, the envelope, id
 * derivation, position checks). The rates themselves are the test server's and say nothing about
 * EventStoreDB's speed: they are printed for the ratio only. Round trips are counted, not timed.
 */
import { EventStoreDBClient, FORWARDS, jsonEvent, START } from '@eventstore/db-client';
import { OrderLedger } from '@order-ledger/core';
import {
  buildWorkload,
  compare,
  compareInterleaved,
  comparisonHeader,
  createFold,
  formatComparison,
  type PlacedEvent,
} from '@order-ledger/core/testing';
import { EventStoreDbEventStore } from '../src/eventstoredb-event-store';
import { EsdbTestServer } from '../src/testing/esdb-test-server';

const orders = Number(process.env.BENCH_ORDERS ?? 2000);
const singleLimit = Number(process.env.BENCH_SINGLE_EVENTS ?? 5000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const workload = buildWorkload(orders);
const singles = workload.singles.slice(0, singleLimit);
console.log(
  `workload: ${orders.toLocaleString('en-US')} orders, ${workload.singles.length.toLocaleString('en-US')} events; ` +
    `single appends of the first ${singles.length.toLocaleString('en-US')}; ${rounds} read rounds`,
);

const toNew = (placed: PlacedEvent) => ({ ...placed.event, eventId: placed.eventId });
const expectedBefore = (revision: number) => (revision === 0 ? ('no_stream' as const) : revision - 1);
const servers: EsdbTestServer[] = [];
const server = async () => {
  const started = await EsdbTestServer.start();
  servers.push(started);
  return started;
};

const single = await compareInterleaved(
  'single-event appends',
  { count: singles.length, unit: 'events' },
  async () => {
    const store = EventStoreDbEventStore.connect((await server()).connectionString);
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
    const client = EventStoreDBClient.connectionString((await server()).connectionString);
    return {
      step: async (index) => {
        const placed = singles[index] as PlacedEvent;
        const expected = placed.revision === 0 ? 'no_stream' : BigInt(placed.revision - 1);
        await client.appendToStream(
          placed.streamId,
          jsonEvent({ id: globalThis.crypto.randomUUID(), type: placed.event.type, data: placed.event.data }),
          { expectedRevision: expected },
        );
      },
      finish: () => client.dispose(),
    };
  },
);

// One server holding the appended events, read by both sides.
const shared = servers[0] as EsdbTestServer;
const reader = EventStoreDbEventStore.connect(shared.connectionString);
const rawReader = EventStoreDBClient.connectionString(shared.connectionString);
const read = await compare(
  'read all + fold',
  { rounds, count: singles.length, unit: 'events' },
  async () => async () => {
    const fold = createFold();
    for await (const event of reader.readAll()) fold.apply(event.type, event.streamId, event.revision, event.data);
  },
  async () => async () => {
    const fold = createFold();
    for await (const resolved of rawReader.readAll({ fromPosition: START, direction: FORWARDS })) {
      const event = resolved.event;
      if (event === undefined || event.type.startsWith('$') || event.streamId.startsWith('$')) continue;
      fold.apply(event.type, event.streamId, Number(event.revision), event.data);
    }
  },
);
await reader.close();
await rawReader.dispose();

console.log('\nThrough the in-process test server (a ratio of adapter to bare client, not EventStoreDB speed):\n');
console.log(comparisonHeader.replace('raw driver', 'bare client'));
console.log(formatComparison(single));
console.log(formatComparison(read));

// Round trips per ledger command: counted at the test server.
const counting = await server();
const store = EventStoreDbEventStore.connect(counting.connectionString);
const ledger = new OrderLedger(store);
const at = '2026-03-01T09:00:00Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const trips: Record<string, Record<string, number>[]> = {};
const measure = async (label: string, run: () => Promise<unknown>) => {
  const before = counting.requests;
  await run();
  const after = counting.requests;
  const delta: Record<string, number> = {};
  for (const [kind, n] of Object.entries(after)) {
    const made = n - (before[kind] ?? 0);
    if (made > 0) delta[kind] = made;
  }
  trips[label] = [...(trips[label] ?? []), delta];
};
for (const sku of ['MUG', 'TEA']) {
  await measure('AdjustStock', () => ledger.execute({ type: 'AdjustStock', sku, at, delta: 500, reason: 'received' }));
}
for (let index = 0; index < 20; index += 1) {
  const orderId = `o${index}`;
  await measure('PlaceOrder (2 SKUs)', () =>
    ledger.execute({
      type: 'PlaceOrder',
      orderId,
      customerId: `c${index}`,
      at,
      currency: 'EUR',
      lines: [
        { lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' },
        { lineId: 'l2', sku: 'TEA', quantity: 2, unitPrice: eur(900), kind: 'physical' },
      ],
      delivery: { method: 'pickup' },
    }),
  );
  await measure('Pay', () =>
    ledger.execute({ type: 'Pay', orderId, at, paymentId: `p${index}`, amount: eur(3600), method: 'card' }),
  );
  if (index % 2 === 0) {
    await measure('MarkPickedUp (2 SKUs)', () => ledger.execute({ type: 'MarkPickedUp', orderId, at }));
  } else {
    await measure('CancelOrder (2 SKUs)', () =>
      ledger.execute({ type: 'CancelOrder', orderId, at, reason: 'customer' }),
    );
  }
}
await store.close();
console.log('\nRound trips per command on EventStoreDB (counted at the test server; the same on any server):\n');
console.log('| command | reads | appends | all |\n| --- | ---: | ---: | ---: |');
for (const [label, runs] of Object.entries(trips)) {
  const last = runs.at(-1) ?? {};
  const reads = (last['read-stream'] ?? 0) + (last['read-all'] ?? 0);
  const appends = (last.append ?? 0) + (last['batch-append'] ?? 0);
  console.log(`| ${label} | ${reads} | ${appends} | ${reads + appends} |`);
}
for (const started of servers) await started.stop();

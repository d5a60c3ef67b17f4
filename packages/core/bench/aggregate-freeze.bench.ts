/**
 * What immer's freezing costs the order and stock folds, and what immer costs the stock fold.
 *
 *   pnpm --filter @order-ledger/core bench:freeze      (FREEZE_ORDERS=20000 FREEZE_ROUNDS=7 FREEZE_COMMANDS=3000)
 *
 * - Folds: every stream of a synthetic history folded from the start, freezing on and off in
 *   alternating rounds (medians), beside a stock fold written by hand on plain objects (the
 *   ceiling: what the stock fold costs without immer).
 * - Commands: `OrderLedger.execute` on an in-memory store holding the history, freezing on for
 *   one command and off for the next, each timed: the cost per command of leaving it on.
 */
import { performance } from 'node:perf_hooks';
import type { LedgerEvent, OrderEvent, StockEvent } from '../src/index';
import {
  commitmentKey,
  evolveOrder,
  evolveStock,
  freezeAggregateStates,
  InMemoryEventStore,
  initialOrderState,
  initialStockState,
  OrderLedger,
} from '../src/index';
import { median, syntheticHistory } from '../src/testing/index';

const orders = Number(process.env.FREEZE_ORDERS ?? 20_000);
const rounds = Number(process.env.FREEZE_ROUNDS ?? 7);
const commands = Number(process.env.FREEZE_COMMANDS ?? 3_000);

const history = syntheticHistory({ orders: orders + Math.ceil(commands / 4) + 10 });
const lastOrder = `o${orders - 1}`;
let cut = 0;
for (const [index, command] of history.commands.entries()) {
  if ('orderId' in command && command.orderId === lastOrder) cut = index + 1;
}
const streams = new Map<string, LedgerEvent[]>();
for (const append of history.appends.slice(0, cut)) {
  for (const { streamId, events } of append.streams)
    streams.set(streamId, [...(streams.get(streamId) ?? []), ...events]);
}
const orderStreams = [...streams].filter(([id]) => id.startsWith('order-')).map(([, events]) => events as OrderEvent[]);
const stockStreams = [...streams].filter(([id]) => id.startsWith('stock-')).map(([, events]) => events as StockEvent[]);
const count = (list: readonly (readonly unknown[])[]) => list.reduce((sum, events) => sum + events.length, 0);
console.log(
  `history: ${orders.toLocaleString('en-US')} orders; ${count(orderStreams).toLocaleString('en-US')} order events in ${orderStreams.length.toLocaleString('en-US')} streams, ` +
    `${count(stockStreams).toLocaleString('en-US')} stock events in ${stockStreams.length} streams; ${rounds} rounds`,
);

/** The stock fold by hand, one mutable object per stream: the ceiling immer is measured against. */
function plainStockFold(events: readonly StockEvent[]): number {
  const state = { onHand: 0, committed: 0, received: 0, adjusted: 0, shippedOut: 0, returned: 0 };
  const commitments = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'StockAdjusted') {
      state.onHand += event.data.delta;
      if (event.data.reason === 'received') state.received += event.data.delta;
      else state.adjusted += event.data.delta;
      continue;
    }
    const { quantity } = event.data;
    if (event.type === 'StockReturned') {
      state.onHand += quantity;
      state.returned += quantity;
      continue;
    }
    const key = commitmentKey(event.data.orderId, event.data.lineId);
    const change = event.type === 'StockCommitted' ? quantity : -quantity;
    const left = (commitments.get(key) ?? 0) + change;
    if (left === 0) commitments.delete(key);
    else commitments.set(key, left);
    state.committed += change;
    if (event.type === 'StockShippedOut') {
      state.onHand -= quantity;
      state.shippedOut += quantity;
    }
  }
  return state.onHand - state.committed;
}

function time(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

const foldOrders = () => {
  for (const events of orderStreams) events.reduce(evolveOrder, initialOrderState());
};
const foldStock = () => {
  for (const events of stockStreams) events.reduce(evolveStock, initialStockState());
};
const foldStockByHand = () => {
  for (const events of stockStreams) plainStockFold(events);
};

const folds = {
  ordersOff: [] as number[],
  ordersOn: [] as number[],
  stockOff: [] as number[],
  stockOn: [] as number[],
};
const byHand: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  const order = round % 2 === 0 ? [false, true] : [true, false];
  for (const frozen of order) {
    freezeAggregateStates(frozen);
    (frozen ? folds.ordersOn : folds.ordersOff).push(time(foldOrders));
    (frozen ? folds.stockOn : folds.stockOff).push(time(foldStock));
  }
  byHand.push(time(foldStockByHand));
}
const perEvent = (ms: readonly number[], events: number) => (median(ms) * 1000) / events;
const orderEvents = count(orderStreams);
const stockEvents = count(stockStreams);
console.log('\n| fold | freezing off, µs/event | freezing on, µs/event | on / off |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, off, on, events] of [
  ['order (immer)', folds.ordersOff, folds.ordersOn, orderEvents],
  ['stock (immer)', folds.stockOff, folds.stockOn, stockEvents],
] as const) {
  const [a, b] = [perEvent(off, events), perEvent(on, events)];
  console.log(`| ${name} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(2)}× |`);
}
console.log(`| stock, by hand on plain objects (ceiling) | ${perEvent(byHand, stockEvents).toFixed(2)} | | |`);

// Commands: one store, freezing on and off for alternate commands, each timed.
const store = new InMemoryEventStore();
let written = 0;
for (const append of history.appends.slice(0, cut)) {
  const writes = append.streams.map(({ streamId, events }) => ({
    streamId,
    expectedRevision: 'any' as const,
    events: events.map((event) => ({ ...event, eventId: `history-${++written}` })),
  }));
  await store.appendToStreams(writes);
}
const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
const timings = { on: [] as number[], off: [] as number[] };
const next = history.commands.slice(cut, cut + commands);
for (const [index, command] of next.entries()) {
  const frozen = index % 2 === 0;
  freezeAggregateStates(frozen);
  const started = performance.now();
  await ledger.execute(command);
  (frozen ? timings.on : timings.off).push(performance.now() - started);
}
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
console.log(`\nexecute on the in-memory store (${next.length} commands, alternating):`);
console.log('| freezing | mean µs/command | median µs/command |');
console.log('| --- | ---: | ---: |');
for (const [name, values] of [
  ['off', timings.off],
  ['on', timings.on],
] as const) {
  console.log(`| ${name} | ${(mean(values) * 1000).toFixed(1)} | ${(median(values) * 1000).toFixed(1)} |`);
}
console.log(
  `on / off: ${(mean(timings.on) / mean(timings.off)).toFixed(2)}× (mean), ${(median(timings.on) / median(timings.off)).toFixed(2)}× (median)`,
);

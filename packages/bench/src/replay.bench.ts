/**
 * Replaying a history through the read models, from memory and from a JSONL file, beside the
 * ceilings: a hand-written loop folding the same events into plain Maps (board and stock), and a
 * plain JSON.parse of every line of the file.
 *
 *   pnpm --filter @order-ledger/bench bench
 *   REPLAY_ORDERS=100000 REPLAY_ROUNDS=5 REPLAY_LARGE_EVENTS=10000000 pnpm --filter @order-ledger/bench bench
 *
 * With REPLAY_LARGE_EVENTS set, it also writes a file of that many events (the workload repeated
 * with fresh order ids and later dates) and replays the board and stock from it, sampling RSS, to
 * show that their memory does not grow with the history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldProjections, type Projection, type RecordedEvent, slot } from '@order-ledger/core';
import { compare, comparisonHeader, formatComparison, median } from '@order-ledger/core/testing';
import { followUps } from '@order-ledger/follow-ups';
import { bestCustomers } from '@order-ledger/projection-best-customers';
import { customerTimeline } from '@order-ledger/projection-customer-timeline';
import { createOrdersBoard } from '@order-ledger/projection-orders-board';
import { stockCounts } from '@order-ledger/projection-stock-counts';
import { JsonlEventStore, readLineBatches, writeJsonl } from '@order-ledger/store-jsonl';
import { ceilingLoop } from './ceiling';
import { recordedHistory } from './recorded-history';

const orders = Number(process.env.REPLAY_ORDERS ?? 100_000);
const rounds = Number(process.env.REPLAY_ROUNDS ?? 5);
const largeEvents = Number(process.env.REPLAY_LARGE_EVENTS ?? 0);
const folder = mkdtempSync(join(tmpdir(), 'order-ledger-replay-'));

const history = recordedHistory(orders);
const file = join(folder, 'history.jsonl');
await writeJsonl(file, history);
console.log(
  `workload: ${orders.toLocaleString('en-US')} orders, ${history.length.toLocaleString('en-US')} events; ${rounds} rounds, medians`,
);

const boardAndStock = (): Projection<unknown>[] => [createOrdersBoard(), stockCounts];
const everything = (): Projection<unknown>[] => [
  createOrdersBoard(),
  stockCounts,
  customerTimeline(),
  bestCustomers,
  followUps,
];
const replay = (projections: Projection<unknown>[], events: Iterable<RecordedEvent>) => {
  const slots = projections.map((projection) => slot(projection));
  foldProjections(slots, events);
  if (slots.some((entry) => entry.current.position !== history.length)) throw new Error('a projection stopped short');
};

const runs = { rounds, count: history.length, unit: 'events' };
const ceiling = async () => async () => {
  if (ceilingLoop(history).orders === 0) throw new Error('folded nothing');
};
const boardStockMemory = await compare(
  'board + stock, from memory',
  runs,
  async () => async () => replay(boardAndStock(), history),
  ceiling,
);
const allMemory = await compare(
  'all five read models, from memory',
  runs,
  async () => async () => replay(everything(), history),
  ceiling,
);

const parseCeiling = async () => async () => {
  let count = 0;
  for await (const lines of readLineBatches(file))
    for (const { text } of lines) if (JSON.parse(text) !== null) count += 1;
  if (count !== history.length) throw new Error('short file');
};
const fromFile = (projections: () => Projection<unknown>[]) => async () => async () => {
  const slots = projections().map((projection) => slot(projection));
  for await (const batch of new JsonlEventStore(file).readAllBatches()) foldProjections(slots, batch);
  if (slots.some((entry) => entry.current.position !== history.length)) throw new Error('a projection stopped short');
};
const boardStockFile = await compare('board + stock, from a JSONL file', runs, fromFile(boardAndStock), parseCeiling);
const allFile = await compare('all five read models, from a JSONL file', runs, fromFile(everything), parseCeiling);

console.log('\nReplay (ceilings: a hand-written Map loop for memory; JSON.parse of each line for the file)\n');
console.log(comparisonHeader.replace('raw driver', 'ceiling'));
for (const comparison of [boardStockMemory, allMemory, boardStockFile, allFile])
  console.log(formatComparison(comparison));

if (largeEvents > 0) await largeReplay(largeEvents);
rmSync(folder, { recursive: true, force: true });

/** Writes `total` events (the workload again and again, fresh ids, later dates) and replays board + stock, sampling RSS. */
async function largeReplay(total: number): Promise<void> {
  const large = join(folder, 'large.jsonl');
  const lastAt = Math.max(...history.slice(-1000).map((event) => Date.parse((event.data as { at: string }).at)));
  const firstAt = Date.parse((history[0]?.data as { at: string } | undefined)?.at ?? '');
  const shift = lastAt - firstAt + 86_400_000;
  async function* repeated(): AsyncGenerator<RecordedEvent> {
    let position = 0;
    for (let round = 0; position < total; round += 1) {
      for (const event of history) {
        if (position >= total) return;
        position += 1;
        const data = { ...(event.data as Record<string, unknown>) };
        data.at = new Date(Date.parse(data.at as string) + round * shift).toISOString();
        if (typeof data.orderId === 'string') data.orderId = `${data.orderId}-r${round}`;
        const streamId = event.streamId.startsWith('order-') ? `${event.streamId}-r${round}` : event.streamId;
        yield { ...event, data, streamId, eventId: `${event.eventId}-r${round}`, position } as RecordedEvent;
      }
    }
  }
  const written = await writeJsonl(large, repeated());
  const slots = [slot(createOrdersBoard()), slot(stockCounts)];
  // Live heap after a full collection when the runner allows it (--expose-gc): what the read
  // models really hold, without the collector's own slack. RSS is reported beside it.
  const collect = (globalThis as { gc?: () => void }).gc;
  const samples: { events: number; rssMb: number; heapMb: number }[] = [];
  const started = performance.now();
  let count = 0;
  let nextSample = 1_000_000;
  for await (const batch of new JsonlEventStore(large).readAllBatches()) {
    foldProjections(slots, batch);
    count += batch.length;
    if (count >= nextSample) {
      collect?.();
      const memory = process.memoryUsage();
      samples.push({
        events: count,
        rssMb: Math.round(memory.rss / 2 ** 20),
        heapMb: Math.round(memory.heapUsed / 2 ** 20),
      });
      nextSample += 1_000_000;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nLarge replay: ${written.toLocaleString('en-US')} events from a JSONL file through board + stock`);
  console.log(`${Math.round(written / seconds).toLocaleString('en-US')} events/s; RSS by events read:`);
  console.log(samples.map((sample) => `${(sample.events / 1e6).toFixed(0)}M: ${sample.rssMb} MB`).join(', '));
  console.log(
    `median RSS ${median(samples.map((sample) => sample.rssMb))} MB, max ${Math.max(...samples.map((sample) => sample.rssMb))} MB`,
  );
  rmSync(large, { force: true });
}

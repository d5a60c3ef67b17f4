/**
 * The memory row's replay, in a process of its own so nothing else is in its memory: the board
 * (letting settled orders go after 35 days, `createOrdersBoard()`) and the stock counts, folded
 * from a JSONL file a chunk at a time. After a full collection (run with --expose-gc) it samples
 * the resident set before reading (the baseline: the runtime and the modules) and every
 * `every` events, and prints them as JSON on stdout.
 *
 *   node --expose-gc packages/bench/dist/memory-replay.js <file.jsonl> <every>
 */
import { foldProjections, slot } from '@order-ledger/core';
import { createOrdersBoard } from '@order-ledger/projection-orders-board';
import { stockCounts } from '@order-ledger/projection-stock-counts';
import { JsonlEventStore } from '@order-ledger/store-jsonl';

const [file, everyText] = process.argv.slice(2);
const every = Number(everyText);
if (file === undefined || !(every > 0))
  throw new Error('usage: node --expose-gc memory-replay.js <file.jsonl> <every>');
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with --expose-gc: samples are taken after a full collection');

const megabytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const sample = (events: number) => {
  collect();
  const memory = process.memoryUsage();
  return { events, rssMb: megabytes(memory.rss), heapMb: megabytes(memory.heapUsed) };
};

const slots = [slot(createOrdersBoard()), slot(stockCounts)];
const baseline = sample(0);
const samples: ReturnType<typeof sample>[] = [];
const started = performance.now();
let count = 0;
let next = every;
for await (const batch of new JsonlEventStore(file).readAllBatches()) {
  foldProjections(slots, batch);
  count += batch.length;
  if (count >= next) {
    samples.push(sample(count));
    next += every;
  }
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ events: count, seconds, baseline, samples })}\n`);

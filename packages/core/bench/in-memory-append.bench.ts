/**
 * Does an in-memory append cost the same at 120,000 events as at 1,000?
 *
 * Appends 120,000 single-event orders-worth of stock adjustments (one stream per SKU, 500 SKUs,
 * expected revision checked on each) and times every append. Reports the median and p99 per
 * window of 20,000 appends, and the ratio of the last window's median to the first's: a store
 * whose append cost grows with its size shows a ratio well above 1. A peer's in-memory store
 * measured on this kind of machine slowed fivefold between 60,000 and 120,000 events.
 *
 * Run: pnpm bench:packages   (or: pnpm --filter @order-ledger/core bench)
 */
import { performance } from 'node:perf_hooks';
import { InMemoryEventStore } from '../src/event-store/in-memory-event-store';

const total = 120_000;
const window = 20_000;
const skus = 500;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function run(): Promise<number[][]> {
  const store = new InMemoryEventStore({ now: () => new Date(0) });
  const revisions = new Array<number>(skus).fill(-1);
  const windows: number[][] = [];
  let current: number[] = [];
  for (let index = 0; index < total; index += 1) {
    const sku = index % skus;
    const revision = revisions[sku] ?? -1;
    const started = performance.now();
    await store.appendToStream(
      `stock-SKU${sku}`,
      [
        {
          eventId: `e${index}`,
          type: 'StockAdjusted',
          data: { at: '2026-03-02T09:00:00Z', sku: `SKU${sku}`, delta: 1, reason: 'received' },
        },
      ],
      { expectedRevision: revision === -1 ? 'no_stream' : revision },
    );
    current.push(performance.now() - started);
    revisions[sku] = revision + 1;
    if (current.length === window) {
      windows.push(current.sort((a, b) => a - b));
      current = [];
    }
  }
  return windows;
}

const rounds = 3;
const medians: number[][] = [];
for (let round = 0; round < rounds; round += 1) {
  const windows = await run();
  medians.push(windows.map((sorted) => quantile(sorted, 0.5)));
  if (round === rounds - 1) {
    console.log(
      `in-memory append, ${total} single-event appends with expected revision, round ${round + 1} of ${rounds}`,
    );
    console.log('window (events)      median µs    p99 µs');
    for (const [index, sorted] of windows.entries()) {
      const from = index * window;
      console.log(
        `${String(from).padStart(7)}–${String(from + window).padEnd(10)} ${(quantile(sorted, 0.5) * 1000).toFixed(2).padStart(10)} ${(quantile(sorted, 0.99) * 1000).toFixed(2).padStart(9)}`,
      );
    }
  }
}
const ratios = medians.map((round) => (round.at(-1) ?? Number.NaN) / (round[0] ?? Number.NaN)).sort((a, b) => a - b);
console.log(`last window / first window, median over ${rounds} rounds: ${quantile(ratios, 0.5).toFixed(2)}×`);

/**
 * The latency a shop's staff feel: a write (POST /orders) followed by a board read that must show
 * it (GET /board with the write's Ledger-Position as Ledger-After), with concurrent clients on
 * loopback, on SQLite and on PostgreSQL. Beside it, in the same run, the write alone: the read's
 * share is the difference.
 *
 *   pnpm --filter shop-api bench          BENCH_CLIENTS=8 BENCH_ROUNDS=25 BENCH_STORES=sqlite,postgres
 *
 * Medians and 99th percentiles over every request; the machine's load is printed with them.
 */
import { loadavg } from 'node:os';
import { type StoreKind, startTestShop } from './testing/test-shop';

const clients = Number(process.env.BENCH_CLIENTS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 25);
const kinds = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',') as StoreKind[];
const json = { 'content-type': 'application/json' };

function percentile(samples: readonly number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

async function post(url: string, body: unknown): Promise<Response> {
  const response = await fetch(url, { method: 'POST', headers: json, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response;
}

/** One client's rounds: place an order, then read the board once, after the write, and check the order is on it. */
async function client(api: string, index: number, times: { write: number[]; writeThenBoard: number[] }) {
  for (let round = 0; round < rounds; round += 1) {
    const orderId = `bench-${index}-${round}`;
    const started = performance.now();
    const placed = await post(`${api}/orders`, {
      orderId,
      customerId: `customer-${index}`,
      at: '2026-03-02T09:00:00Z',
      currency: 'EUR',
      lines: [
        { lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: { amount: 1800, currency: 'EUR' }, kind: 'physical' },
      ],
      delivery: { method: 'pickup' },
    });
    await placed.arrayBuffer();
    times.write.push(performance.now() - started);
    const position = placed.headers.get('ledger-position') ?? '0';
    const board = await fetch(`${api}/board`, { headers: { 'ledger-after': position } });
    const view = (await board.json()) as { inFlight: { received: { orderId: string }[] } };
    if (!view.inFlight.received.some((row) => row.orderId === orderId)) {
      throw new Error(`order ${orderId} is not on the board read after its write`);
    }
    times.writeThenBoard.push(performance.now() - started);
  }
}

const rows: string[] = [];
for (const kind of kinds) {
  const shop = await startTestShop(kind);
  try {
    await post(`${shop.url}/stock/MUG/adjustments`, {
      at: '2026-03-01T09:00:00Z',
      delta: 1_000_000,
      reason: 'received',
    });
    const times = { write: [] as number[], writeThenBoard: [] as number[] };
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, (_, index) => client(shop.url, index, times)));
    const seconds = (performance.now() - started) / 1000;
    const ms = (value: number) => value.toFixed(1);
    rows.push(
      `| ${kind} | ${clients} × ${rounds} | ${ms(percentile(times.writeThenBoard, 0.5))} / ${ms(percentile(times.writeThenBoard, 0.99))} ms | ` +
        `${ms(percentile(times.write, 0.5))} / ${ms(percentile(times.write, 0.99))} ms | ${(times.write.length / seconds).toFixed(0)} |`,
    );
  } finally {
    await shop.close();
  }
}
console.log(
  `load (1, 5, 15 min) ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}; Node ${process.version}\n`,
);
console.log('| store | clients × rounds | write then board (median / p99) | write alone (median / p99) | orders/s |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);

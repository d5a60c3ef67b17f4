/**
 * SQLite store against raw better-sqlite3, side by side in one run, on one synthetic workload.
 *
 *   pnpm --filter @order-ledger/store-sqlite bench            (BENCH_ORDERS=100000 by default)
 *
 * Appends run ours and raw item by item in one loop, each step timed (medians reported), each side
 * on a fresh file; the read runs ROUNDS times alternating:
 * - single-event appends, one transaction each, with the exact expected revision
 *   (raw: one autocommit INSERT at the known revision; the UNIQUE (stream, revision) index is its check);
 * - whole-order appends: all of one order's events, order and stock streams, in one call
 *   (raw: one transaction with the same INSERTs);
 * - read everything from the start and fold (raw: paged SELECT, JSON.parse, the same fold).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildWorkload,
  compare,
  compareInterleaved,
  comparisonHeader,
  createFold,
  formatComparison,
  type PlacedEvent,
} from '@order-ledger/core/testing';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '../src/sqlite-event-store';

const orders = Number(process.env.BENCH_ORDERS ?? 100_000);
const singleLimit = Number(process.env.BENCH_SINGLE_EVENTS ?? 100_000);
const wholeLimit = Number(process.env.BENCH_WHOLE_ORDERS ?? 50_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const folder = mkdtempSync(join(tmpdir(), 'order-ledger-bench-'));
let files = 0;
const freshFile = () => join(folder, `bench-${++files}.db`);

const workload = buildWorkload(orders);
const singles = workload.singles.slice(0, singleLimit);
const wholeOrders = workload.wholeOrders.slice(0, wholeLimit);
const wholeOrderEvents = wholeOrders.reduce((acc, append) => acc + append.reduce((n, s) => n + s.events.length, 0), 0);
console.log(
  `workload: ${orders.toLocaleString('en-US')} orders, ${workload.singles.length.toLocaleString('en-US')} events; ` +
    `${rounds} rounds; single appends of the first ${singles.length.toLocaleString('en-US')} events; ` +
    `${wholeOrders.length.toLocaleString('en-US')} whole-order appends (${wholeOrderEvents.toLocaleString('en-US')} events)`,
);

const insertSql = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
                   VALUES (?, ?, ?, ?, ?, ?, 1, ?)`;
const recordedAt = new Date().toISOString();
const toNew = (placed: PlacedEvent) => ({ ...placed.event, eventId: placed.eventId });

/** A raw connection on a file with exactly our schema and pragmas, so only the code path differs. */
function rawDatabase(): BetterSqlite3.Database {
  const file = freshFile();
  SqliteEventStore.open(file).close();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

const expectedBefore = (revision: number) => (revision === 0 ? ('no_stream' as const) : revision - 1);
const insertRow = (insert: BetterSqlite3.Statement, placed: PlacedEvent) =>
  insert.run(
    placed.streamId,
    placed.revision,
    placed.eventId,
    placed.event.type,
    JSON.stringify(placed.event.data),
    '{}',
    recordedAt,
  );

const single = await compareInterleaved(
  'single-event appends',
  { count: singles.length, unit: 'events' },
  async () => {
    const store = SqliteEventStore.open(freshFile());
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
    const db = rawDatabase();
    const insert = db.prepare(insertSql);
    return {
      step: (index) => {
        insertRow(insert, singles[index] as PlacedEvent);
      },
      finish: () => {
        db.close();
      },
    };
  },
);

const whole = await compareInterleaved(
  'whole-order appends',
  { count: wholeOrders.length, unit: 'appends' },
  async () => {
    const store = SqliteEventStore.open(freshFile());
    return {
      step: async (index) => {
        await store.appendToStreams(
          (wholeOrders[index] ?? []).map((stream) => ({
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
    const db = rawDatabase();
    const insert = db.prepare(insertSql);
    const write = db.transaction((append: (typeof wholeOrders)[number]) => {
      for (const stream of append) for (const placed of stream.events) insertRow(insert, placed);
    });
    return {
      step: (index) => {
        write.immediate(wholeOrders[index] ?? []);
      },
      finish: () => {
        db.close();
      },
    };
  },
);

// One file holding the whole workload, read by both sides.
const readFile = freshFile();
{
  SqliteEventStore.open(readFile).close();
  const db = new BetterSqlite3(readFile);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(insertSql);
  db.transaction(() => {
    for (const placed of workload.singles) {
      insert.run(
        placed.streamId,
        placed.revision,
        placed.eventId,
        placed.event.type,
        JSON.stringify(placed.event.data),
        '{}',
        recordedAt,
      );
    }
  })();
  db.close();
}
const read = await compare(
  'read all and fold',
  { rounds, count: workload.singles.length, unit: 'events' },
  async () => {
    const store = SqliteEventStore.open(readFile);
    return async () => {
      const fold = createFold();
      for await (const event of store.readAll()) fold.apply(event.type, event.streamId, event.revision, event.data);
      if (fold.size() === 0) throw new Error('read nothing');
      await store.close();
    };
  },
  async () => {
    const db = new BetterSqlite3(readFile, { readonly: true });
    const page = db.prepare<
      [number],
      { position: number; stream_id: string; revision: number; type: string; data: string; metadata: string }
    >('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 2000');
    return async () => {
      const fold = createFold();
      let after = 0;
      for (;;) {
        const rows = page.all(after);
        if (rows.length === 0) break;
        for (const row of rows) {
          const data: unknown = JSON.parse(row.data);
          JSON.parse(row.metadata);
          fold.apply(row.type, row.stream_id, row.revision, data);
        }
        after = rows.at(-1)?.position ?? after;
      }
      if (fold.size() === 0) throw new Error('read nothing');
      db.close();
    };
  },
);

console.log('\nSQLite (better-sqlite3 12, WAL, synchronous=NORMAL)\n');
console.log(comparisonHeader);
for (const comparison of [single, whole, read]) console.log(formatComparison(comparison));
rmSync(folder, { recursive: true, force: true });

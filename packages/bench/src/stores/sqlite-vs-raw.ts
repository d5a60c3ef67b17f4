/**
 * The SQLite store against raw better-sqlite3, side by side in one run, on one synthetic workload.
 *
 * Appends run ours and raw item by item in one loop, each step timed (medians), each side on a
 * fresh file; the read runs `rounds` times alternating:
 * - single-event appends, one transaction each, with the exact expected revision
 *   (raw: one autocommit INSERT at the known revision; the UNIQUE (stream, revision) index is its check);
 * - whole-order appends: all of one order's events, order and stock streams, in one call
 *   (raw: one transaction with the same INSERTs);
 * - read everything from the start and fold (raw: paged SELECT, JSON.parse, the same fold).
 */
import { join } from 'node:path';
import { compare, compareInterleaved, createFold, type Workload } from '@order-ledger/core/testing';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import BetterSqlite3 from 'better-sqlite3';
import { ourReadAllAndFold, ourSingleAppends, ourWholeOrderAppends } from './our-sides';
import { insertPlaced, rawSqliteDatabase, rawSqliteHistory, sqliteInsertSql } from './sqlite-files';
import type { StoreComparisonSizes, StoreComparisons } from './store-comparisons';

export async function measureSqliteVsRaw(
  workload: Workload,
  options: StoreComparisonSizes,
  folder: string,
): Promise<StoreComparisons> {
  let files = 0;
  const freshFile = () => join(folder, `sqlite-vs-raw-${++files}.db`);
  const singles = workload.singles.slice(0, options.singleEvents);
  const wholeOrders = workload.wholeOrders.slice(0, options.wholeOrders);
  const recordedAt = new Date().toISOString();

  const single = await compareInterleaved(
    'single-event appends',
    { count: singles.length, unit: 'events' },
    ourSingleAppends(() => SqliteEventStore.open(freshFile()), singles),
    async () => {
      const db = rawSqliteDatabase(freshFile());
      const insert = db.prepare(sqliteInsertSql);
      return {
        step: (index) => {
          const placed = singles[index];
          if (placed !== undefined) insertPlaced(insert, placed, recordedAt);
        },
        finish: () => {
          db.close();
        },
      };
    },
  );

  const wholeOrder = await compareInterleaved(
    'whole-order appends',
    { count: wholeOrders.length, unit: 'appends' },
    ourWholeOrderAppends(() => SqliteEventStore.open(freshFile()), wholeOrders),
    async () => {
      const db = rawSqliteDatabase(freshFile());
      const insert = db.prepare(sqliteInsertSql);
      const write = db.transaction((append: Workload['wholeOrders'][number]) => {
        for (const stream of append) for (const placed of stream.events) insertPlaced(insert, placed, recordedAt);
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
  rawSqliteHistory(readFile, workload.singles);
  const readAll = await compare(
    'read all and fold',
    { rounds: options.rounds, count: workload.singles.length, unit: 'events' },
    async () => {
      const store = SqliteEventStore.open(readFile);
      return async () => {
        await ourReadAllAndFold(store);
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
  return { single, wholeOrder, readAll };
}

/**
 * Our SQLite store against Emmett's (`@event-driven-io/emmett-sqlite` 0.42.4), same workload, same
 * machine, side by side in one loop.
 *
 * Emmett is given its best footing: one connection kept open for the whole run (its
 * `connectionOptions: { singleton: true, connection }`; by default it opens a connection per call
 * for a file), WAL (its own default) and `synchronous = NORMAL` (ours), so both sides pay the same
 * durability. Emmett's driver is `sqlite3` (asynchronous, a thread-pool call per statement), ours
 * better-sqlite3: that difference is part of what is measured.
 *
 * - single-event appends with the exact expected version;
 * - whole-order appends: Emmett's store appends one stream per call, so the order's streams are
 *   appended with its exported `appendToStream(connection, …)` inside one
 *   `connection.withTransaction` (Emmett nests transactions on one connection): atomic, as ours;
 * - read everything from the start and fold: Emmett's `readMessagesBatch` in pages of 2,000, the
 *   same fold on both sides.
 */
import { join } from 'node:path';
import {
  appendToStream,
  getSQLiteEventStore,
  readMessagesBatch,
  type SQLiteConnection,
  SQLiteConnectionPool,
  type SQLiteEventStore,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import { compare, compareInterleaved, type Workload } from '@order-ledger/core/testing';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import { ourReadAllAndFold, ourSingleAppends, ourWholeOrderAppends } from '../stores/our-sides';
import type { WholeOrder } from '../stores/placed-writes';
import { rawSqliteHistory } from '../stores/sqlite-files';
import type { StoreComparisonSizes, StoreComparisons } from '../stores/store-comparisons';
import { emmettEvent, emmettExpectedVersion, emmettReadAllAndFold, emmettStreamType } from './emmett-events';

interface EmmettSqlite {
  readonly connection: SQLiteConnection;
  readonly store: SQLiteEventStore;
}

async function openEmmettSqlite(file: string): Promise<EmmettSqlite> {
  const connection = sqliteConnection({ fileName: file });
  await connection.command('PRAGMA synchronous = NORMAL');
  const pool = SQLiteConnectionPool({ fileName: file, connectionOptions: { singleton: true, connection } });
  const store = getSQLiteEventStore({ fileName: file, pool });
  await store.schema.migrate();
  return { connection, store };
}

/** One order's streams in one Emmett transaction; throws when a stream was not where expected. */
async function appendWholeOrder({ connection }: EmmettSqlite, append: WholeOrder): Promise<void> {
  await connection.withTransaction(async () => {
    for (const stream of append) {
      const result = await appendToStream(
        connection,
        stream.streamId,
        emmettStreamType(stream.streamId),
        stream.events.map(emmettEvent),
        { expectedStreamVersion: emmettExpectedVersion(stream.events[0]?.revision ?? 0) },
      );
      if (!result.success) throw new Error(`Emmett refused the append to ${stream.streamId}`);
    }
  });
}

export async function measureSqliteVsEmmett(
  workload: Workload,
  options: StoreComparisonSizes,
  folder: string,
): Promise<StoreComparisons> {
  let files = 0;
  const freshFile = () => join(folder, `sqlite-vs-emmett-${++files}.db`);
  const singles = workload.singles.slice(0, options.singleEvents);
  const wholeOrders = workload.wholeOrders.slice(0, options.wholeOrders);

  const single = await compareInterleaved(
    'single-event appends',
    { count: singles.length, unit: 'events' },
    ourSingleAppends(() => SqliteEventStore.open(freshFile()), singles),
    async () => {
      const emmett = await openEmmettSqlite(freshFile());
      return {
        step: async (index) => {
          const placed = singles[index];
          if (placed === undefined) return;
          await emmett.store.appendToStream(placed.streamId, [emmettEvent(placed)], {
            expectedStreamVersion: emmettExpectedVersion(placed.revision),
          });
        },
        finish: () => emmett.connection.close(),
      };
    },
  );

  const wholeOrder = await compareInterleaved(
    'whole-order appends',
    { count: wholeOrders.length, unit: 'appends' },
    ourWholeOrderAppends(() => SqliteEventStore.open(freshFile()), wholeOrders),
    async () => {
      const emmett = await openEmmettSqlite(freshFile());
      return {
        step: async (index) => {
          const append = wholeOrders[index];
          if (append !== undefined) await appendWholeOrder(emmett, append);
        },
        finish: () => emmett.connection.close(),
      };
    },
  );

  // Each side reads the whole workload from a file of its own schema, written once beforehand.
  const ourFile = freshFile();
  rawSqliteHistory(ourFile, workload.singles);
  const emmettFile = freshFile();
  {
    const emmett = await openEmmettSqlite(emmettFile);
    for (let from = 0; from < workload.wholeOrders.length; from += 1000) {
      await emmett.connection.withTransaction(async () => {
        for (const append of workload.wholeOrders.slice(from, from + 1000)) await appendWholeOrder(emmett, append);
      });
    }
    emmett.connection.close();
  }
  const readAll = await compare(
    'read all and fold',
    { rounds: options.rounds, count: workload.singles.length, unit: 'events' },
    async () => {
      const store = SqliteEventStore.open(ourFile);
      return async () => {
        await ourReadAllAndFold(store);
        await store.close();
      };
    },
    async () => {
      const emmett = await openEmmettSqlite(emmettFile);
      return async () => {
        await emmettReadAllAndFold(async (after) => {
          const batch = await readMessagesBatch(emmett.connection, { after, batchSize: 2000 });
          return { ...batch, more: batch.areEventsLeft };
        });
        emmett.connection.close();
      };
    },
  );
  return { single, wholeOrder, readAll };
}

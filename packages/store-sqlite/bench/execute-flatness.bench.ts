/**
 * `OrderLedger.execute` on SQLite at 1,000 and at 100,000 orders of history, side by side.
 *
 *   pnpm --filter @order-ledger/store-sqlite bench:flatness
 *   FLAT_ORDERS=1000,100000 FLAT_COMMANDS=2000 FLAT_WARMUP=300 (the defaults)
 *
 * The history goes in by the fastest path there is (rows inserted in large transactions, exactly
 * as the store would write them); the timed commands go through the ledger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@order-ledger/core';
import { formatExecuteFlatness, measureExecuteFlatness } from '@order-ledger/core/testing';
import { SqliteEventStore } from '../src/sqlite-event-store';
import { loadHistoryInBulk } from './bulk-history';

const orders = (process.env.FLAT_ORDERS ?? '1000,100000').split(',').map(Number);
const commands = Number(process.env.FLAT_COMMANDS ?? 2000);
const warmUp = Number(process.env.FLAT_WARMUP ?? 300);
const folder = mkdtempSync(join(tmpdir(), 'order-ledger-flat-'));
let files = 0;

const result = await measureExecuteFlatness({
  orders,
  commands,
  warmUp,
  createStore: async () => SqliteEventStore.open(join(folder, `flat-${++files}.db`)),
  loadHistory: async (store: EventStore, appends) => loadHistoryInBulk(store as SqliteEventStore, appends),
  progress: (message) => console.log(`… ${message}`),
});
rmSync(folder, { recursive: true, force: true });

console.log('\nSQLite (better-sqlite3 12, WAL, synchronous=NORMAL)\n');
console.log(formatExecuteFlatness('SQLite', result));

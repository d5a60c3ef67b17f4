/**
 * `OrderLedger.execute` on PostgreSQL at 1,000 and at 100,000 orders of history, side by side.
 *
 *   pnpm --filter @order-ledger/store-postgres bench:flatness     (needs ORDER_LEDGER_PG_URL or the local server)
 *   FLAT_ORDERS=1000,100000 FLAT_COMMANDS=2000 FLAT_WARMUP=300 (the defaults)
 *
 * The history goes in by the fastest path there is (bulk inserts of the rows the store would
 * write); the timed commands go through the ledger, each schema a store of its own.
 */
import type { EventStore } from '@order-ledger/core';
import { formatExecuteFlatness, measureExecuteFlatness } from '@order-ledger/core/testing';
import { PostgresEventStore } from '../src/postgres-event-store';
import { dropSchema, freshSchema, testDatabaseUrl } from '../src/test-database';
import { loadHistoryInBulk } from './bulk-history';

const orders = (process.env.FLAT_ORDERS ?? '1000,100000').split(',').map(Number);
const commands = Number(process.env.FLAT_COMMANDS ?? 2000);
const warmUp = Number(process.env.FLAT_WARMUP ?? 300);

const result = await measureExecuteFlatness({
  orders,
  commands,
  warmUp,
  createStore: async () => PostgresEventStore.open({ connection: testDatabaseUrl, schema: freshSchema(), poolSize: 2 }),
  disposeStore: async (store: EventStore) => {
    const postgres = store as PostgresEventStore;
    await postgres.close();
    await dropSchema(postgres.schema);
  },
  loadHistory: async (store: EventStore, appends) => loadHistoryInBulk(store as PostgresEventStore, appends),
  progress: (message) => console.log(`… ${message}`),
});

console.log('\nPostgreSQL (pg 8, server on 127.0.0.1, synchronous_commit = on)\n');
console.log(formatExecuteFlatness('PostgreSQL', result));

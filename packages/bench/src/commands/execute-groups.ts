import type { EventStore } from '@order-ledger/core';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import type { BenchContext } from '../run/bench-context';
import type { BenchGroup } from '../run/bench-group';
import { loadThroughStore } from '../stores/load-through-store';
import { rateRow } from '../table/make-row';
import { measureExecuteAtScale } from './execute-at-scale';

const sqliteRow = {
  id: 'sqlite.execute.at-scale',
  operation: 'SQLite OrderLedger.execute: large store vs small',
} as const;
const postgresRow = {
  id: 'postgres.execute.at-scale',
  operation: 'PostgreSQL OrderLedger.execute: large store vs small',
} as const;

async function executeRow(
  context: BenchContext,
  row: { readonly id: string; readonly operation: string },
  open: (orders: number) => Promise<EventStore>,
) {
  const { stores, newOrders } = context.sizes;
  const { smallOrders, largeOrders } = stores;
  const [large, small] = [await open(largeOrders), await open(smallOrders)];
  try {
    const comparison = await measureExecuteAtScale(large, small, newOrders);
    return rateRow(
      {
        ...row,
        size: `${comparison.count.toLocaleString('en-US')} commands (${newOrders} new orders) on ${largeOrders.toLocaleString('en-US')} vs ${smallOrders.toLocaleString('en-US')} orders`,
        note: 'ours = the large store, baseline = the small one; each command timed, alternating, medians',
      },
      comparison,
    );
  } finally {
    await large.close();
    await small.close();
  }
}

export const sqliteExecute: BenchGroup = {
  key: 'execute-sqlite',
  rows: [sqliteRow],
  async run(context) {
    return [
      await executeRow(context, sqliteRow, async (orders) => SqliteEventStore.open(await context.sqliteStore(orders))),
    ];
  },
};

export const postgresExecute: BenchGroup = {
  key: 'execute-postgres',
  rows: [postgresRow],
  async run(context) {
    const scratch = context.requirePostgres();
    return [
      await executeRow(context, postgresRow, async (orders) => {
        context.log(`  writing ${orders.toLocaleString('en-US')} orders through the PostgreSQL store…`);
        const store = await scratch.store();
        await loadThroughStore(store, context.workload(orders));
        return store;
      }),
    ];
  },
};

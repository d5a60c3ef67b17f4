import { join } from 'node:path';
import type { EventStore } from '@order-ledger/core';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import type { BenchContext } from '../run/bench-context';
import type { BenchGroup } from '../run/bench-group';
import { absoluteRow } from '../table/make-row';
import { keptReadModels } from './read-model-access';
import {
  type SideBySide,
  timeCheckpointAfterOneEvent,
  timeFollowerLag,
  timeReportUnchanged,
} from './read-model-timings';

/** Where the rows reach the read models (one place, so the rows measure whatever it does). */
const access = keptReadModels;

const orders = (count: number) => `${count.toLocaleString('en-US')}-order`;

/** Opens a fresh copy of the large store and of the small one, runs `work`, closes both. */
async function onLargeAndSmall(
  context: BenchContext,
  work: (stores: { ours: EventStore; baseline: EventStore }) => Promise<SideBySide>,
): Promise<SideBySide> {
  const { largeOrders, smallOrders } = context.sizes.stores;
  const ours = SqliteEventStore.open(await context.sqliteStore(largeOrders));
  const baseline = SqliteEventStore.open(await context.sqliteStore(smallOrders));
  try {
    return await work({ ours, baseline });
  } finally {
    await ours.close();
    await baseline.close();
  }
}

const reportRow = {
  id: 'report.unchanged',
  operation: 'Report (order-ledger report board) on an unchanged store',
} as const;
export const reportUnchanged: BenchGroup = {
  key: 'report',
  rows: [reportRow],
  async run(context) {
    const { reportRuns } = context.sizes.readModels;
    const count = context.sizes.stores.largeOrders;
    const empty = join(context.folder, 'empty.db');
    SqliteEventStore.open(empty).close();
    const times = await timeReportUnchanged(
      access,
      { ours: `sqlite:${await context.sqliteStore(count)}`, baseline: `sqlite:${empty}` },
      reportRuns,
    );
    return [
      absoluteRow(
        {
          ...reportRow,
          size: `${orders(count)} SQLite store, ${reportRuns} runs`,
          note: `the built binary, start to exit, after one untimed run; baseline = the same command on an empty store (the fixed cost); ${access.describe}`,
        },
        'ms',
        times.ours,
        { baseline: times.baseline },
      ),
    ];
  },
};

const checkpointRow = {
  id: 'checkpoint.one-event',
  operation: 'Board checkpoint after 1 new event (catch up + save)',
} as const;
export const checkpointAfterOneEvent: BenchGroup = {
  key: 'checkpoint',
  rows: [checkpointRow],
  async run(context) {
    const { repeats } = context.sizes.readModels;
    const { largeOrders: count, smallOrders } = context.sizes.stores;
    const times = await onLargeAndSmall(context, (stores) => timeCheckpointAfterOneEvent(access, stores, repeats));
    return [
      absoluteRow(
        {
          ...checkpointRow,
          size: `${orders(count)} board (SQLite), ${repeats} times`,
          note: `baseline = the same on a ${orders(smallOrders)} board`,
        },
        'ms',
        times.ours,
        { baseline: times.baseline },
      ),
    ];
  },
};

const followerRow = { id: 'follower.lag', operation: 'Live board follower: lag per new order' } as const;
export const followerLag: BenchGroup = {
  key: 'follower',
  rows: [followerRow],
  async run(context) {
    const { repeats } = context.sizes.readModels;
    const { largeOrders: count, smallOrders } = context.sizes.stores;
    const times = await onLargeAndSmall(context, (stores) => timeFollowerLag(access, stores, repeats));
    return [
      absoluteRow(
        {
          ...followerRow,
          size: `${orders(count)} SQLite store, ${repeats} new orders`,
          note: `from execute(PlaceOrder) being called to the follower having folded and saved it, in one process; baseline = a ${orders(smallOrders)} store`,
        },
        'ms',
        times.ours,
        { baseline: times.baseline },
      ),
    ];
  },
};

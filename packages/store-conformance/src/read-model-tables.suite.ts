import {
  type EventStore,
  foldProjection,
  KeptCollection,
  type KeptRowWrite,
  type Projection,
  ProjectionRunner,
  type ReadModelCommit,
  type ReadModelTables,
  type RecordedEvent,
} from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { withStore } from './with-store';

function write(collection: string, key: string, value: unknown, indexes: (string | null)[] = []): KeptRowWrite {
  return { collection, key, json: JSON.stringify(value), indexes };
}

function commit(partial: Partial<ReadModelCommit> & Pick<ReadModelCommit, 'position'>): ReadModelCommit {
  return { version: 1, expected: null, reset: false, writes: [], deletes: [], ...partial };
}

/** Runs `use` with the store's kept tables, or skips the test, visibly, for a store without any. */
async function withTables(
  harness: StoreHarness,
  skip: (note: string) => void,
  use: (tables: ReadModelTables, store: EventStore) => Promise<void>,
): Promise<void> {
  await withStore(harness, async (store) => {
    if (store.readModels === undefined) {
      skip(`${harness.name} keeps no read-model tables`);
      return;
    }
    await use(store.readModels, store);
  });
}

interface SkuTotals {
  readonly skus: KeptCollection<{ units: number; adjustments: number }>;
  readonly reasons: KeptCollection<number>;
}

/**
 * A small kept projection over stock events: units per SKU (indexed by sign; a SKU back to zero
 * units is deleted), count per reason.
 */
function skuTotals(version = 1): Projection<SkuTotals> {
  return {
    name: 'sku-totals',
    version,
    eventTypes: ['StockAdjusted'],
    initialState: () => ({
      skus: new KeptCollection({ indexes: { sign: (value) => (value.units < 0 ? 'negative' : 'positive') } }),
      reasons: new KeptCollection(),
    }),
    evolve: (state, event) => {
      if (event.type !== 'StockAdjusted') return state;
      const { sku, delta, reason } = event.data;
      const current = state.skus.get(sku);
      if (current === undefined) state.skus.set(sku, { units: delta, adjustments: 1 });
      else if (current.units + delta === 0) state.skus.delete(sku);
      else {
        current.units += delta;
        current.adjustments += 1;
        state.skus.touch(sku);
      }
      state.reasons.set(reason, (state.reasons.get(reason) ?? 0) + 1);
      return state;
    },
  };
}

/** The state as plain data, for comparing a kept read model with a replay. */
function plain(state: SkuTotals): unknown {
  return { skus: Object.fromEntries(state.skus), reasons: Object.fromEntries(state.reasons) };
}

/** The store's tables, recording each commit's row counts: what a save really wrote. */
function recordingCommits(tables: ReadModelTables): { tables: ReadModelTables; commits: ReadModelCommit[] } {
  const commits: ReadModelCommit[] = [];
  const recording: ReadModelTables = {
    status: (model) => tables.status(model),
    row: (model, collection, key) => tables.row(model, collection, key),
    rowsByKey: (model, collection, keys) => tables.rowsByKey(model, collection, keys),
    rows: (model, collection, filter) => tables.rows(model, collection, filter),
    commit: async (model, change) => {
      await tables.commit(model, change);
      commits.push(change);
    },
    drop: (model) => tables.drop(model),
  };
  return { tables: recording, commits };
}

export function readModelTablesSuite(harness: StoreHarness): void {
  describe(`${harness.name}: read models kept in tables`, () => {
    it('keeps rows by key with their index values, in key order, and reads them back as written', async ({ skip }) => {
      await withTables(harness, skip, async (tables) => {
        expect(await tables.status('board')).toBeUndefined();
        const order = { status: 'shipped', note: 'Zoë ☕ "quoted"', lines: [{ sku: 'A', n: 2 }], paidAt: null };
        await tables.commit(
          'board',
          commit({
            position: 12,
            writes: [
              write('orders', 'o-2', order, ['shipped', 'c-1']),
              write('orders', 'o-1', { status: 'received' }, ['received', 'c-1']),
              write('orders', 'o-3', { status: 'done' }, [null, 'c-2']),
              write('customers', 'c-1', 2),
            ],
          }),
        );
        expect(await tables.status('board')).toEqual({ position: 12, version: 1 });
        expect(JSON.parse((await tables.row('board', 'orders', 'o-2')) ?? 'null')).toEqual(order);
        expect(await tables.row('board', 'orders', 'missing')).toBeUndefined();
        expect(await tables.row('other-model', 'orders', 'o-2')).toBeUndefined();
        expect((await tables.rows('board', 'orders')).map(([key]) => key)).toEqual(['o-1', 'o-2', 'o-3']);
        const byStatus = await tables.rows('board', 'orders', { index: 0, values: ['received', 'shipped'] });
        expect(byStatus.map(([key]) => key)).toEqual(['o-1', 'o-2']);
        const byCustomer = await tables.rows('board', 'orders', { index: 1, values: ['c-2'] });
        expect(byCustomer.map(([key]) => key)).toEqual(['o-3']);
        expect(await tables.rows('board', 'orders', { index: 2, values: ['c-2'] })).toEqual([]);
        const some = await tables.rowsByKey('board', 'orders', ['o-3', 'nope', 'o-1', 'o-3']);
        expect(some.map(([key]) => key)).toEqual(['o-1', 'o-3']);
        expect(JSON.parse((await tables.row('board', 'customers', 'c-1')) ?? 'null')).toBe(2);
      });
    });

    it('writes changed rows, deletes gone ones, and replaces everything on a reset', async ({ skip }) => {
      await withTables(harness, skip, async (tables) => {
        await tables.commit(
          'stock',
          commit({ position: 3, writes: [write('skus', 'A', 1, ['x']), write('skus', 'B', 2), write('skus', 'C', 3)] }),
        );
        await tables.commit(
          'stock',
          commit({
            expected: 3,
            position: 5,
            writes: [write('skus', 'A', 10, ['y'])],
            deletes: [{ collection: 'skus', key: 'B' }],
          }),
        );
        expect(await tables.rows('stock', 'skus')).toEqual([
          ['A', '10'],
          ['C', '3'],
        ]);
        expect(await tables.rows('stock', 'skus', { index: 0, values: ['x'] })).toEqual([]);
        expect(await tables.rows('stock', 'skus', { index: 0, values: ['y'] })).toEqual([['A', '10']]);
        await tables.commit(
          'stock',
          commit({ version: 2, expected: 5, position: 9, reset: true, writes: [write('skus', 'D', 4)] }),
        );
        expect(await tables.rows('stock', 'skus')).toEqual([['D', '4']]);
        expect(await tables.status('stock')).toEqual({ position: 9, version: 2 });
        await tables.drop('stock');
        expect(await tables.status('stock')).toBeUndefined();
        expect(await tables.rows('stock', 'skus')).toEqual([]);
      });
    });

    it('refuses a save from a position another writer has moved, and writes none of its rows', async ({ skip }) => {
      await withTables(harness, skip, async (tables) => {
        await tables.commit('board', commit({ position: 4, writes: [write('orders', 'o-1', 'first')] }));
        const stale = commit({ expected: null, position: 8, writes: [write('orders', 'o-2', 'late')] });
        await expect(tables.commit('board', stale)).rejects.toMatchObject({ code: 'CHECKPOINT_CONFLICT', actual: 4 });
        const wrong = commit({ expected: 3, position: 8, reset: true, writes: [write('orders', 'o-2', 'late')] });
        await expect(tables.commit('board', wrong)).rejects.toMatchObject({ code: 'CHECKPOINT_CONFLICT' });
        expect(await tables.rows('board', 'orders')).toEqual([['o-1', '"first"']]);
        expect(await tables.status('board')).toEqual({ position: 4, version: 1 });
      });
    });

    it('lets exactly one of two writers saving from the same position win', async ({ skip }) => {
      await withTables(harness, skip, async (tables) => {
        await tables.commit('board', commit({ position: 1 }));
        const racers = ['left', 'right'].map((side) =>
          tables.commit('board', commit({ expected: 1, position: 2, writes: [write('orders', side, side)] })),
        );
        const outcomes = await Promise.allSettled(racers);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const rows = await tables.rows('board', 'orders');
        expect(rows).toHaveLength(1);
      });
    });

    it('keeps a kept projection row by row: resumes without loading, saves only what changed, equals a replay', async ({
      skip,
    }) => {
      await withTables(harness, skip, async (storeTables, store) => {
        for (let sku = 0; sku < 30; sku += 1) {
          await store.appendToStream(`stock-S${sku}`, [
            stockAdjusted(`S${sku}`, sku + 1),
            stockAdjusted(`S${sku}`, -1),
          ]);
        }
        const first = new ProjectionRunner(store, skuTotals(), { readModels: storeTables });
        expect(await first.start()).toBe('fresh');
        await first.catchUp();

        const { tables, commits } = recordingCommits(storeTables);
        const second = new ProjectionRunner(store, skuTotals(), { readModels: tables });
        expect(await second.start()).toBe('resumed');
        await second.catchUp();
        expect(commits, 'nothing new: nothing folded, nothing saved').toEqual([]);
        expect(() => second.state).toThrow(/loadState/);

        await store.appendToStream('stock-S7', [stockAdjusted('S7', -20)]);
        await store.appendToStream('stock-S3', [stockAdjusted('S3', -3)]);
        await second.catchUp();
        expect(commits).toHaveLength(1);
        const [save] = commits;
        expect(save?.deletes).toEqual([{ collection: 'skus', key: 'S3' }]);
        expect(save?.writes.map((row) => `${row.collection}/${row.key}`).sort()).toEqual([
          'reasons/received',
          'skus/S7',
        ]);
        expect(save?.writes.find((row) => row.key === 'S7')?.indexes).toEqual(['negative']);

        const all: RecordedEvent[] = [];
        for await (const event of store.readAll()) all.push(event);
        const replayed = foldProjection(skuTotals(), all).state;
        const third = new ProjectionRunner(store, skuTotals(), { readModels: storeTables });
        expect(plain(await third.loadState())).toEqual(plain(replayed));
        expect(plain(second.state)).toEqual(plain(replayed));
        const negative = await third.kept?.where('skus', 'sign', ['negative']);
        expect([...(negative?.keys() ?? [])]).toEqual(['S7']);
      });
    });

    it('rebuilds a kept read model whose version changed, replacing its rows in one save', async ({ skip }) => {
      await withTables(harness, skip, async (tables, store) => {
        await store.appendToStream('stock-A', [stockAdjusted('A', 2)]);
        await new ProjectionRunner(store, skuTotals(1), { readModels: tables }).catchUp();
        await tables.commit('sku-totals', commit({ expected: 1, position: 1, writes: [write('skus', 'stale', 0)] }));
        const next = new ProjectionRunner(store, skuTotals(2), { readModels: tables });
        expect(await next.start()).toBe('rebuilt');
        await next.catchUp();
        expect((await tables.rows('sku-totals', 'skus')).map(([key]) => key)).toEqual(['A']);
        expect(await tables.status('sku-totals')).toEqual({ position: 1, version: 2 });
      });
    });
  });
}

import { type Projection, ProjectionRunner, type RecordedEvent } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { withStore } from './with-store';

interface Counts {
  events: number;
  units: Record<string, number>;
}

/** A small projection: units received per SKU, and how many events it folded. */
function unitsBySku(options: { version?: number; poison?: string; seen?: RecordedEvent[] } = {}): Projection<Counts> {
  return {
    name: 'units-by-sku',
    version: options.version ?? 1,
    eventTypes: ['StockAdjusted'],
    initialState: () => ({ events: 0, units: {} }),
    evolve: (state, event) => {
      if (event.eventId === options.poison) throw new Error('cannot fold this one');
      options.seen?.push(event);
      if (event.type === 'StockAdjusted') {
        state.units[event.data.sku] = (state.units[event.data.sku] ?? 0) + event.data.delta;
      }
      state.events += 1;
      return state;
    },
  };
}

export function projectionRunnerSuite(harness: StoreHarness): void {
  describe(`${harness.name}: projection runner`, () => {
    it('catches up from nothing and keeps its checkpoint and read model in the store', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('stock-A', [stockAdjusted('A', 2), stockAdjusted('A', 3)]);
        await store.appendToStream('stock-B', [stockAdjusted('B', 1)]);
        const runner = new ProjectionRunner(store, unitsBySku());
        expect(await runner.start()).toBe('fresh');
        const position = await runner.catchUp();
        expect(runner.state).toEqual({ events: 3, units: { A: 5, B: 1 } });
        expect(await store.checkpoints?.loadCheckpoint('units-by-sku')).toEqual({
          name: 'units-by-sku',
          position,
          version: 1,
          state: { events: 3, units: { A: 5, B: 1 } },
        });
      });
    });

    it('resumes from its checkpoint: only events after it are folded', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('stock-A', [stockAdjusted('A', 2)]);
        await new ProjectionRunner(store, unitsBySku()).catchUp();
        await store.appendToStream('stock-A', [stockAdjusted('A', 4)]);
        const seen: RecordedEvent[] = [];
        const again = new ProjectionRunner(store, unitsBySku({ seen }));
        expect(await again.start()).toBe('resumed');
        await again.catchUp();
        expect(seen.map((event) => event.data)).toEqual([expect.objectContaining({ delta: 4 })]);
        expect(again.state).toEqual({ events: 2, units: { A: 6 } });
      });
    });

    it('rebuilds from scratch when the projection’s version changes, and on demand', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('stock-A', [stockAdjusted('A', 2), stockAdjusted('A', 5)]);
        const first = new ProjectionRunner(store, unitsBySku());
        await first.catchUp();
        const upgraded = new ProjectionRunner(store, unitsBySku({ version: 2 }));
        expect(await upgraded.start()).toBe('rebuilt');
        await upgraded.catchUp();
        expect(upgraded.state).toEqual(first.state);
        expect(await store.checkpoints?.loadCheckpoint('units-by-sku')).toMatchObject({ version: 2 });
        await store.appendToStream('stock-B', [stockAdjusted('B', 1)]);
        await upgraded.catchUp();
        const incremental = structuredClone(upgraded.state);
        await upgraded.rebuild();
        expect(upgraded.state).toEqual(incremental);
      });
    });

    it('stops on a poison event, naming its stream and revision, with the checkpoint before it', async () => {
      await withStore(harness, async (store) => {
        const good = stockAdjusted('A', 1);
        const poison = stockAdjusted('A', 1);
        await store.appendToStream('stock-A', [good, poison, stockAdjusted('A', 1)]);
        const runner = new ProjectionRunner(store, unitsBySku({ poison: poison.eventId }), { saveEvery: 1 });
        await expect(runner.catchUp()).rejects.toMatchObject({
          code: 'PROJECTION_FAILED',
          streamId: 'stock-A',
          revision: 1,
          message: expect.stringContaining('cannot fold this one'),
        });
        const [first] = await store.readStream('stock-A');
        expect(await store.checkpoints?.loadCheckpoint('units-by-sku')).toMatchObject({ position: first?.position });
      });
    });

    it('follows new events after catching up, and says when it has caught up', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('stock-A', [stockAdjusted('A', 1)]);
        const controller = new AbortController();
        const caughtUp: number[] = [];
        const runner = new ProjectionRunner(store, unitsBySku(), {
          onCaughtUp: (position) => {
            caughtUp.push(position);
            if (caughtUp.length === 1) void store.appendToStream('stock-B', [stockAdjusted('B', 7)]);
            if (runner.state.units.B === 7) controller.abort();
          },
        });
        const timer = setTimeout(() => controller.abort(), 10_000);
        await runner.run(controller.signal);
        clearTimeout(timer);
        expect(runner.state.units).toEqual({ A: 1, B: 7 });
        expect(caughtUp.length).toBeGreaterThanOrEqual(2);
        expect(caughtUp.at(-1)).toBe(runner.position);
      });
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { StoreHarness } from './harness';
import { withStore } from './with-store';

export function checkpointsSuite(harness: StoreHarness): void {
  describe(`${harness.name}: projection checkpoints`, () => {
    it('keeps a checkpoint per projection, with its version', async () => {
      await withStore(harness, async (store) => {
        const checkpoints = store.checkpoints;
        expect(checkpoints, 'a store in this suite keeps checkpoints').toBeDefined();
        if (checkpoints === undefined) return;
        expect(await checkpoints.loadCheckpoint('board')).toBeUndefined();
        await checkpoints.saveCheckpoint('board', 12, { version: 1, expected: null });
        await checkpoints.saveCheckpoint('stock', 3, { version: 2 });
        expect(await checkpoints.loadCheckpoint('board')).toEqual({ name: 'board', position: 12, version: 1 });
        await checkpoints.saveCheckpoint('board', 40, { version: 1, expected: 12 });
        expect(await checkpoints.loadCheckpoint('board')).toMatchObject({ position: 40 });
        expect(await checkpoints.loadCheckpoint('stock')).toEqual({ name: 'stock', position: 3, version: 2 });
        const state = { orders: { o1: { status: 'shipped', note: 'Zoë ☕' } }, count: 3 };
        await checkpoints.saveCheckpoint('with-state', 7, { version: 3, state });
        expect(await checkpoints.loadCheckpoint('with-state')).toEqual({
          name: 'with-state',
          position: 7,
          version: 3,
          state,
        });
        await checkpoints.deleteCheckpoint('board');
        expect(await checkpoints.loadCheckpoint('board')).toBeUndefined();
      });
    });

    it('refuses a save that expects a position another runner has moved', async () => {
      await withStore(harness, async (store) => {
        const checkpoints = store.checkpoints;
        if (checkpoints === undefined) return;
        await checkpoints.saveCheckpoint('board', 5, { version: 1, expected: null });
        await expect(checkpoints.saveCheckpoint('board', 9, { version: 1, expected: null })).rejects.toMatchObject({
          code: 'CHECKPOINT_CONFLICT',
          actual: 5,
        });
        await expect(checkpoints.saveCheckpoint('board', 9, { version: 1, expected: 4 })).rejects.toMatchObject({
          code: 'CHECKPOINT_CONFLICT',
          expected: 4,
          actual: 5,
        });
        expect(await checkpoints.loadCheckpoint('board')).toMatchObject({ position: 5 });
      });
    });
  });
}

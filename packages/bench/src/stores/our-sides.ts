import type { EventStore } from '@order-ledger/core';
import { createFold, type PlacedEvent, type SteppedRun } from '@order-ledger/core/testing';
import { expectedBefore, toNew, type WholeOrder, wholeOrderWrites } from './placed-writes';

/**
 * Our store's side of each store comparison, the same whichever baseline it meets (a raw driver,
 * Emmett): one place, so every row measures our store doing exactly the same thing.
 */

/** Single-event appends with the exact expected revision, one per step, on a fresh store. */
export const ourSingleAppends =
  (open: () => Promise<EventStore> | EventStore, singles: readonly PlacedEvent[]) => async (): Promise<SteppedRun> => {
    const store = await open();
    return {
      step: async (index) => {
        const placed = singles[index];
        if (placed === undefined) return;
        await store.appendToStream(placed.streamId, [toNew(placed)], {
          expectedRevision: expectedBefore(placed.revision),
        });
      },
      finish: () => store.close(),
    };
  };

/** One order's events on all its streams in one `appendToStreams`, one order per step, on a fresh store. */
export const ourWholeOrderAppends =
  (open: () => Promise<EventStore> | EventStore, wholeOrders: readonly WholeOrder[]) =>
  async (): Promise<SteppedRun> => {
    const store = await open();
    return {
      step: async (index) => {
        const append = wholeOrders[index];
        if (append !== undefined) await store.appendToStreams(wholeOrderWrites(append));
      },
      finish: () => store.close(),
    };
  };

/** Everything from the start through the shared fold; fails when it read nothing. */
export async function ourReadAllAndFold(store: EventStore): Promise<void> {
  const fold = createFold();
  for await (const event of store.readAll()) fold.apply(event.type, event.streamId, event.revision, event.data);
  if (fold.size() === 0) throw new Error('read nothing');
}

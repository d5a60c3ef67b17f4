import type { EventStore } from '@order-ledger/core';
import type { StoreHarness } from './harness';

/** Runs `use` on a fresh store from the harness, and always disposes of it. */
export async function withStore<S extends EventStore, T>(
  harness: StoreHarness<S>,
  use: (store: S) => Promise<T>,
): Promise<T> {
  const store = await harness.create();
  try {
    return await use(store);
  } finally {
    await (harness.dispose ?? ((created: S) => created.close()))(store);
  }
}

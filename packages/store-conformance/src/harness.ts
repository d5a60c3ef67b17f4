import type { EventStore } from '@order-ledger/core';

/** How the suite gets a store: a fresh, empty one per test, and a way to let it go. */
export interface StoreHarness<S extends EventStore = EventStore> {
  /** Shown in every test name: `sqlite`, `postgres`, `in-memory`. */
  readonly name: string;
  /** A new, empty store that shares nothing with any other the harness made. */
  readonly create: () => Promise<S>;
  /** Closes the store and removes what it left (a file, a schema). Default: `store.close()`. */
  readonly dispose?: (store: S) => Promise<void>;
  /** fast-check runs for the ledger laws driven through the store. Default 15. */
  readonly lawRuns?: number;
  /** Concurrent writers in the race tests; the checkout race is for racers / 5 units. Default 20. */
  readonly racers?: number;
}

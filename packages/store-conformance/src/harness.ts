import type { EventStore } from '@order-ledger/core';
import type { ChildStoreRecipe } from './child-store';

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
  /** Months-long shop histories compared with the independent oracle after every command. Default 4. */
  readonly oracleRuns?: number;
  /** Concurrent writers in the race tests; the checkout race is for racers / 5 units. Default 20. */
  readonly racers?: number;
  /**
   * How another process opens the same store as `store` (the same SQLite file, the same
   * PostgreSQL schema): with it, the suite races worker processes, each with its own store
   * instance, through `OrderLedger`. Races inside one process share a driver, a pool and an
   * event loop; only separate processes race the way separate app servers do.
   *
   * Without it those tests are skipped, visibly. The in-memory store has nothing a second process
   * could open; the EventStoreDB test server lives inside the test process (a real server could
   * be given one, once the suite runs against one).
   */
  readonly openInChild?: (store: S) => ChildStoreRecipe;
  /** Worker processes in each cross-process race. Default 8: each is a whole Node process. */
  readonly raceWorkers?: number;
}

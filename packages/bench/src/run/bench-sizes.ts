/**
 * How much work each row does, in the full run and in the quick one. The full run is the one the
 * docs quote: the 100,000-order history (714,260 events). The quick run keeps every row, on
 * smaller data, to finish in under two minutes on a busy 2-core machine; its figures are for
 * spotting a change, not for quoting.
 */
export interface BenchSizes {
  readonly mode: 'full' | 'quick';
  /** The synthetic history the store, replay and Emmett rows share. */
  readonly orders: number;
  readonly sqlite: { readonly singleEvents: number; readonly wholeOrders: number };
  readonly postgres: { readonly singleEvents: number; readonly wholeOrders: number };
  /** The same, for the comparisons with Emmett (fewer on PostgreSQL: Emmett's appends there are slow). */
  readonly emmett: {
    readonly sqlite: { readonly singleEvents: number; readonly wholeOrders: number };
    readonly postgres: { readonly singleEvents: number; readonly wholeOrders: number };
  };
  /** Rounds of each whole-history read, alternating ours and the baseline. */
  readonly readRounds: number;
  /** Rounds of each replay through the read models. */
  readonly replayRounds: number;
  /** Orders in the imported file, and rounds of each import (a fresh store each time). */
  readonly imports: { readonly sqliteOrders: number; readonly postgresOrders: number; readonly rounds: number };
  /**
   * The large store and the small one (orders written through the store) that the execute,
   * report, checkpoint and follower rows run on, the large beside the small.
   */
  readonly stores: { readonly largeOrders: number; readonly smallOrders: number };
  /** New orders whose commands (five each) `OrderLedger.execute` runs on both stores. */
  readonly newOrders: number;
  /**
   * How many times the checkpoint and the follower are timed, and how many report runs (each a
   * process catching up the kept board and loading the rows it shows).
   */
  readonly readModels: { readonly repeats: number; readonly reportRuns: number };
  /** Events replayed from a file for the memory row. */
  readonly memoryEvents: number;
}

export const fullSizes: BenchSizes = {
  mode: 'full',
  orders: 100_000,
  sqlite: { singleEvents: 100_000, wholeOrders: 50_000 },
  postgres: { singleEvents: 20_000, wholeOrders: 10_000 },
  emmett: {
    sqlite: { singleEvents: 20_000, wholeOrders: 10_000 },
    postgres: { singleEvents: 5_000, wholeOrders: 2_500 },
  },
  readRounds: 3,
  replayRounds: 5,
  imports: { sqliteOrders: 20_000, postgresOrders: 2_000, rounds: 3 },
  stores: { largeOrders: 100_000, smallOrders: 1_000 },
  newOrders: 200,
  readModels: { repeats: 20, reportRuns: 5 },
  memoryEvents: 10_000_000,
};

export const quickSizes: BenchSizes = {
  mode: 'quick',
  orders: 1_000,
  sqlite: { singleEvents: 1_500, wholeOrders: 400 },
  postgres: { singleEvents: 200, wholeOrders: 100 },
  emmett: { sqlite: { singleEvents: 1_500, wholeOrders: 400 }, postgres: { singleEvents: 200, wholeOrders: 100 } },
  readRounds: 3,
  replayRounds: 3,
  imports: { sqliteOrders: 300, postgresOrders: 50, rounds: 3 },
  stores: { largeOrders: 5_000, smallOrders: 1_000 },
  newOrders: 20,
  readModels: { repeats: 5, reportRuns: 2 },
  memoryEvents: 200_000,
};

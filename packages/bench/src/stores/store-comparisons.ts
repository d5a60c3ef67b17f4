import type { Comparison } from '@order-ledger/core/testing';

/** How much each store comparison does: single appends, whole-order appends, rounds of the full read. */
export interface StoreComparisonSizes {
  readonly singleEvents: number;
  readonly wholeOrders: number;
  readonly rounds: number;
}

/** The three comparisons every store row set makes, against a raw driver or another library. */
export interface StoreComparisons {
  readonly single: Comparison;
  readonly wholeOrder: Comparison;
  readonly readAll: Comparison;
}

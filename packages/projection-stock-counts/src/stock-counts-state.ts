import { type AdjustmentReason, KeptCollection } from '@order-ledger/core';

export interface Adjustment {
  readonly at: string;
  readonly delta: number;
  readonly reason: AdjustmentReason;
  readonly counted?: number;
  readonly note?: string;
}

/** One SKU's counts and every adjustment made by hand, with its reason. */
export interface SkuCounts {
  readonly sku: string;
  onHand: number;
  committed: number;
  available: number;
  received: number;
  /** Adjustments other than goods received: breakage, in-person sales, recounts, restocks. */
  adjusted: number;
  shippedOut: number;
  returned: number;
  lastCountedAt: string | null;
  adjustments: Adjustment[];
}

/** Counts kept row by row: one row per SKU, selectable by whether it is oversold (more promised than on hand). */
export interface StockCountsState {
  readonly skus: KeptCollection<SkuCounts>;
}

export function initialStockCountsState(): StockCountsState {
  return {
    skus: new KeptCollection<SkuCounts>({
      indexes: { oversold: (counts) => (counts.available < 0 ? 'oversold' : null) },
    }),
  };
}

import type { AdjustmentReason } from '@order-ledger/core';

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

export interface StockCountsState {
  skus: Record<string, SkuCounts>;
}

export function initialStockCountsState(): StockCountsState {
  return { skus: {} };
}

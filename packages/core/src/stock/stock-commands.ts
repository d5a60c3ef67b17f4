import type { AdjustmentReason } from '../catalogue/stock-events';

interface StockCommandBase {
  readonly sku: string;
  readonly at: string;
}

interface OrderLineReference extends StockCommandBase {
  readonly orderId: string;
  readonly lineId: string;
  readonly quantity: number;
}

/** Promise units to an order line. Refused when too few are available, unless backorders are allowed. */
export interface CommitStock extends OrderLineReference {
  readonly type: 'CommitStock';
}

export interface ReleaseStock extends OrderLineReference {
  readonly type: 'ReleaseStock';
  readonly cause: 'cancelled' | 'edited' | 'refunded';
}

export interface ShipOutStock extends OrderLineReference {
  readonly type: 'ShipOutStock';
}

export interface ReturnStock extends OrderLineReference {
  readonly type: 'ReturnStock';
}

/** A movement by hand: goods received, breakage, an in-person sale, a found box. */
export interface AdjustStock extends StockCommandBase {
  readonly type: 'AdjustStock';
  readonly delta: number;
  readonly reason: Exclude<AdjustmentReason, 'recount'>;
  readonly note?: string;
  /**
   * Take units promised to orders (an in-person sale of the last mug someone ordered online).
   * Refused without it: the orders would be left holding units the shelf no longer has. The event
   * records that it was forced, so the sweep and the stock report can show it.
   */
  readonly force?: boolean;
}

/** A physical count: the decider records the difference from what the ledger expected. */
export interface RecountStock extends StockCommandBase {
  readonly type: 'RecountStock';
  readonly counted: number;
  readonly note?: string;
}

export type StockCommand = CommitStock | ReleaseStock | ShipOutStock | ReturnStock | AdjustStock | RecountStock;

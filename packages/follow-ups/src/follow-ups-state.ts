import { type BuyerChange, type BuyerFacts, KeptCollection } from '@order-ledger/core';

/** What the after-sale schedule needs to know of an order. */
export interface FollowUpOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly placedAt: string;
  readonly delivery: 'ship' | 'pickup' | 'none';
  /** When the buyer had it in hand: delivered, picked up, or (digital-only) delivered by email. */
  receivedAt: string | null;
  readyForPickupAt: string | null;
  cancelled: boolean;
  /** A refund, a return or a claim: the wrong moment to ask for a review. */
  troubled: boolean;
  /**
   * Each line by id. The order's SKUs are derived from its lines (`keptUnitsBySku`), never kept
   * beside them: two lines may share a SKU, and a swap moves one line, not the whole SKU.
   */
  lines: Record<string, FollowUpLine>;
  /** What the buyer has been told so far, by the one rule of buyer-visible changes (core). */
  readonly buyer: BuyerFacts;
  /** Each buyer-visible change, in the order it happened: the buyer notes. */
  readonly notes: BuyerChange[];
}

/** One line of an order, as far as the reorder and pickup nudges need it. */
export interface FollowUpLine {
  sku: string;
  readonly kind: 'physical' | 'digital';
  quantity: number;
  /** Units refunded: the buyer no longer has them to use up. */
  refunded: number;
  /** Of those, units refunded before they left the store (restock cancel): nothing to collect. */
  cancelled: number;
}

/** The after-sale schedule's orders, kept row by row, selectable by customer. */
export interface FollowUpsState {
  readonly orders: KeptCollection<FollowUpOrder>;
}

export function initialFollowUpsState(): FollowUpsState {
  return { orders: new KeptCollection<FollowUpOrder>({ indexes: { customer: (order) => order.customerId } }) };
}

/** Units per SKU the buyer still keeps from `order`: every line's units less its refunded ones. */
export function keptUnitsBySku(order: FollowUpOrder): Map<string, number> {
  const kept = new Map<string, number>();
  for (const line of Object.values(order.lines)) {
    const units = Math.max(0, line.quantity - line.refunded);
    if (units > 0) kept.set(line.sku, (kept.get(line.sku) ?? 0) + units);
  }
  return kept;
}

/** Whether physical units are still there for the buyer to collect (not cancelled by a refund). */
export function hasUnitsToCollect(order: FollowUpOrder): boolean {
  return Object.values(order.lines).some((line) => line.kind === 'physical' && line.quantity > line.cancelled);
}

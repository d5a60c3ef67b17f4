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
  /** Units per SKU still kept by the buyer (refunded units taken off). */
  skus: Record<string, number>;
  lines: Record<string, string>;
}

export interface FollowUpsState {
  orders: Record<string, FollowUpOrder>;
}

export function initialFollowUpsState(): FollowUpsState {
  return { orders: {} };
}

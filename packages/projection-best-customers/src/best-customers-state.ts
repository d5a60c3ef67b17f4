import { type Address, KeptCollection } from '@order-ledger/core';

/** An order as the analytics see it: when, how much was kept, and which SKUs. */
export interface CustomerOrder {
  readonly orderId: string;
  readonly placedAt: string;
  readonly currency: string;
  paid: number;
  refunded: number;
  cancelled: boolean;
  /** Units per SKU on the order (after edits). */
  skus: Record<string, number>;
}

/** Where an order lives (its customer, its index in their list), its address and its lines. */
export interface OrderPlace {
  readonly customerId: string;
  readonly index: number;
  /**
   * The delivery address as the order gave it (after edits). Its normalised key (`addressKey`) is
   * worked out only when a claim needs it: most orders are never claimed, and normalising every
   * address on every replay was a fifth of this fold's time.
   */
  address: Address | null;
  lines: Record<string, { sku: string; quantity: number }>;
}

/** The analytics' state, kept row by row: a customer's orders per row, an order's place per row. */
export interface BestCustomersState {
  /** Each customer's orders, in the order they were placed. */
  readonly customers: KeptCollection<CustomerOrder[]>;
  /** Where each order lives: its customer and its index in their list. */
  readonly orders: KeptCollection<OrderPlace>;
  /** "Never arrived" claims, by customer and by delivery address. */
  readonly claimsByCustomer: KeptCollection<number>;
  readonly claimsByAddress: KeptCollection<number>;
}

export function initialBestCustomersState(): BestCustomersState {
  return {
    customers: new KeptCollection<CustomerOrder[]>(),
    orders: new KeptCollection<OrderPlace>(),
    claimsByCustomer: new KeptCollection<number>(),
    claimsByAddress: new KeptCollection<number>(),
  };
}

/** Net value the store kept from an order. */
export function netValue(order: CustomerOrder): number {
  return order.paid - order.refunded;
}

/** Qualifying orders: not cancelled, and something was kept (domain.md, section 6). */
export function qualifies(order: CustomerOrder): boolean {
  return !order.cancelled && netValue(order) > 0;
}

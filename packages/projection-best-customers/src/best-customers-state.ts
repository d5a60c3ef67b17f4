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
  addressKey: string | null;
  lines: Record<string, { sku: string; quantity: number }>;
}

export interface BestCustomersState {
  /** Each customer's orders, in the order they were placed. */
  customers: Record<string, CustomerOrder[]>;
  /** Where each order lives: its customer and its index in their list. */
  orders: Record<string, OrderPlace>;
  /** "Never arrived" claims, by customer and by delivery address. */
  claimsByCustomer: Record<string, number>;
  claimsByAddress: Record<string, number>;
}

export function initialBestCustomersState(): BestCustomersState {
  return { customers: {}, orders: {}, claimsByCustomer: {}, claimsByAddress: {} };
}

/** Net value the store kept from an order. */
export function netValue(order: CustomerOrder): number {
  return order.paid - order.refunded;
}

/** Qualifying orders: not cancelled, and something was kept (domain.md, section 6). */
export function qualifies(order: CustomerOrder): boolean {
  return !order.cancelled && netValue(order) > 0;
}

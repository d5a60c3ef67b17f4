/**
 * The oracle's own picture of a shop: plain counters, written from the rules in docs/events.md
 * and docs/architecture.md. Nothing here comes from the ledger's state types, so a change to
 * those cannot quietly change what the oracle expects.
 */

export type OracleStatus = 'received' | 'preparing' | 'ready_for_pickup' | 'shipped' | 'done' | 'cancelled';

export interface OracleLine {
  readonly lineId: string;
  sku: string;
  readonly kind: 'physical' | 'digital';
  quantity: number;
  unitPrice: number;
  /** Units that left the store: shipped, picked up, or sent digitally. */
  fulfilled: number;
  /** Units that will never leave: cancelled with the order or refunded before they shipped. */
  cancelled: number;
  returnedResellable: number;
  returnedDamaged: number;
  refundedUnits: number;
  refundedMoney: number;
  /** Refunded units whose return is the reason for the refund (restock `return`). */
  refundedAsReturn: number;
  replaced: number;
}

export interface OracleClaim {
  readonly claimId: string;
  readonly value: number;
  settlement: 'refund' | 'replacement' | 'split' | 'refused' | undefined;
}

export interface OracleOrder {
  readonly orderId: string;
  readonly deliveryMethod: 'ship' | 'pickup' | 'none';
  status: OracleStatus;
  readonly lines: OracleLine[];
  readonly shipping: number;
  readonly tax: number;
  readonly discount: number;
  paid: number;
  refunded: number;
  shippingRefunded: number;
  /** Refunded money tied to no line and no shipping: tax, an overpayment, goodwill. */
  otherRefunded: number;
  /** Each payment id with its amount: the same id with another amount is a different payment. */
  readonly payments: Map<string, number>;
  /**
   * Refunds and returns by the ids the caller chose (never the ones the ledger makes up), with
   * what they recorded: the same id with other content is a different refund or return.
   */
  readonly refunds: Map<string, OracleRefund>;
  readonly returns: Map<string, string>;
  readonly claims: OracleClaim[];
}

export interface OracleRefund {
  readonly amount: number;
  readonly shipping: number;
  readonly other: number;
  readonly lines: readonly { lineId: string; quantity: number; restock: string; amount: number }[];
}

export interface OracleStock {
  onHand: number;
  /** Units promised, per order line. */
  readonly promised: Map<string, number>;
}

export function openUnits(line: OracleLine): number {
  return line.quantity - line.fulfilled - line.cancelled;
}

/** Units with the buyer: left the store and not come back. */
export function unitsWithBuyer(line: OracleLine): number {
  return line.fulfilled - line.returnedResellable - line.returnedDamaged;
}

export function orderTotal(order: OracleOrder): number {
  let goods = 0;
  for (const line of order.lines) goods += line.quantity * line.unitPrice;
  return goods + order.shipping + order.tax - order.discount;
}

export function committed(stock: OracleStock): number {
  let sum = 0;
  for (const units of stock.promised.values()) sum += units;
  return sum;
}

/** What the buyer still owes: the total less what was captured; nothing once cancelled. */
export function amountDue(order: OracleOrder): number {
  return order.status === 'cancelled' ? 0 : Math.max(0, orderTotal(order) - order.paid);
}

/**
 * What the store owes back: everything kept on a cancelled order; otherwise what was captured
 * beyond the total, less what was already given back for it (the `other` part of refunds).
 */
export function amountOwed(order: OracleOrder): number {
  if (order.status === 'cancelled') return order.paid - order.refunded;
  return Math.max(0, order.paid - orderTotal(order) - order.otherRefunded);
}

export function paymentStatus(order: OracleOrder): string {
  if (order.refunded > 0) return order.refunded >= order.paid ? 'refunded' : 'partially_refunded';
  const total = orderTotal(order);
  if (order.paid === 0) return total === 0 ? 'paid' : 'unpaid';
  return order.paid < total ? 'partially_paid' : 'paid';
}

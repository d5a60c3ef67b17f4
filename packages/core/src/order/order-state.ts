import type { ClaimSettlement, Delivery, LineKind } from '../catalogue/order-events';
import type { Money } from '../money/money';

/**
 * Where the buyer's order stands, in the words the buyer reads:
 * received → preparing → ready_for_pickup | shipped → done. `cancelled` is absorbing.
 * A digital-only order goes from received to done the moment it is fully paid.
 */
export type OrderStatus = 'received' | 'preparing' | 'ready_for_pickup' | 'shipped' | 'done' | 'cancelled';

/** The order of statuses: a status never moves to one earlier in this list. */
export const orderStatusRank: Readonly<Record<OrderStatus, number>> = {
  received: 0,
  preparing: 1,
  ready_for_pickup: 2,
  shipped: 2,
  done: 3,
  cancelled: 4,
};

/** Derived from the sums of payments and refunds, never stored. */
export type PaymentStatus = 'unpaid' | 'partially_paid' | 'paid' | 'partially_refunded' | 'refunded';

/** Derived from the line counters, never stored. */
export type FulfilmentStatus = 'unfulfilled' | 'partially_fulfilled' | 'fulfilled' | 'cancelled';

/** One line's counters. Every count is in units; `open = quantity − fulfilled − cancelled`. */
export interface LineState {
  readonly lineId: string;
  readonly sku: string;
  readonly kind: LineKind;
  readonly title: string | undefined;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** Units that left the store (shipped, picked up, or delivered digitally). */
  readonly fulfilled: number;
  /** Units that will never ship: refunded with `restock: cancel`, or the order was cancelled. */
  readonly cancelled: number;
  /** Units that came back: resellable ones went back on the shelf, damaged ones did not. */
  readonly returnedResellable: number;
  readonly returnedDamaged: number;
  readonly refundedQuantity: number;
  readonly refundedAmount: Money;
  /** Units refunded with `restock: return`: each stands for a resellable unit that came back. */
  readonly refundedAsReturn: number;
  /** Replacement units sent for a "never arrived" claim. */
  readonly replaced: number;
}

/** A refund as recorded, for telling a retried refund from a different one under the same id. */
export interface RecordedRefund {
  readonly amount: number;
  readonly shipping: number;
  readonly other: number;
  readonly lines: readonly {
    readonly lineId: string;
    readonly quantity: number;
    readonly restock: string;
    readonly amount: number;
  }[];
}

export interface ClaimState {
  readonly claimId: string;
  readonly value: Money;
  readonly claimedAt: string;
  readonly settlement: ClaimSettlement | undefined;
  readonly automatic: boolean;
}

export interface OrderState {
  /** False until `OrderPlaced`: the state of an order stream with no events. */
  readonly exists: boolean;
  readonly orderId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly placedAt: string;
  /** Business time of the latest event. */
  readonly updatedAt: string;
  /** When the current status began: the age a board shows. */
  readonly statusSince: string;
  readonly status: OrderStatus;
  readonly delivery: Delivery;
  readonly payAtPickup: boolean;
  readonly preparedBy: string | undefined;
  readonly lines: readonly LineState[];
  readonly shipping: Money;
  readonly tax: Money;
  readonly discount: Money;
  /** lines + shipping + tax − discount, after edits. */
  readonly total: Money;
  /** Money captured, summed over every payment. */
  readonly paid: Money;
  /** Money given back, summed over every refund. */
  readonly refunded: Money;
  readonly shippingRefunded: Money;
  readonly otherRefunded: Money;
  readonly paymentIds: readonly string[];
  /** Each payment's amount by id: a payment id sent again with another amount is a different payment. */
  readonly paymentAmounts: Readonly<Record<string, number>>;
  /** Refund and return ids the caller chose. Ids the ledger derives (a cancellation's refund) are not here. */
  readonly refundIds: readonly string[];
  readonly returnIds: readonly string[];
  /** What each caller-chosen refund and return id recorded, so the same id with other content is refused. */
  readonly refundsById: Readonly<Record<string, RecordedRefund>>;
  readonly returnsById: Readonly<Record<string, string>>;
  readonly claims: readonly ClaimState[];
  readonly paymentStatus: PaymentStatus;
  readonly fulfilmentStatus: FulfilmentStatus;
}

const noMoney: Money = { amount: 0, currency: 'XXX' };

/** The state of an order stream with no events. */
export function initialOrderState(): OrderState {
  return {
    exists: false,
    orderId: '',
    customerId: '',
    currency: 'XXX',
    placedAt: '',
    updatedAt: '',
    statusSince: '',
    status: 'received',
    delivery: { method: 'none' },
    payAtPickup: false,
    preparedBy: undefined,
    lines: [],
    shipping: noMoney,
    tax: noMoney,
    discount: noMoney,
    total: noMoney,
    paid: noMoney,
    refunded: noMoney,
    shippingRefunded: noMoney,
    otherRefunded: noMoney,
    paymentIds: [],
    paymentAmounts: {},
    refundIds: [],
    returnIds: [],
    refundsById: {},
    returnsById: {},
    claims: [],
    paymentStatus: 'unpaid',
    fulfilmentStatus: 'unfulfilled',
  };
}

/**
 * What a caller-chosen id recorded, if anything. Own keys only: an id such as "toString" or
 * "constructor" must not find what Object.prototype holds under that name.
 */
export function recordedUnder<V>(byId: Readonly<Record<string, V>>, id: string): V | undefined {
  return Object.hasOwn(byId, id) ? byId[id] : undefined;
}

/** Units of a line still to be fulfilled. */
export function openUnits(line: LineState): number {
  return line.quantity - line.fulfilled - line.cancelled;
}

/** Units of a line that left the store and have not come back. */
export function unitsOut(line: LineState): number {
  return line.fulfilled - line.returnedResellable - line.returnedDamaged;
}

/** The money still kept by the store: captured minus refunded. */
export function netPaid(state: OrderState): number {
  return state.paid.amount - state.refunded.amount;
}

/** The sums an order's balance is worked out from, in minor units. */
export interface OrderSums {
  readonly status: OrderStatus;
  readonly total: number;
  readonly paid: number;
  readonly refunded: number;
  /** Refunds not tied to a line or shipping (tax, an overpayment, goodwill). */
  readonly otherRefunded: number;
}

/**
 * What the buyer still owes and what the store owes back, in minor units; at most one is above
 * zero. Due: the total minus what was captured (a refund gives up part of the sale, it does not
 * reopen a debt), nothing on a cancelled order. Owed: everything still kept on a cancelled order;
 * otherwise what was captured beyond the total (after an edit lowered it), less what was given
 * back for it. The one rule the aggregate and every read model use.
 */
export function orderBalance(sums: OrderSums): { readonly due: number; readonly owed: number } {
  if (sums.status === 'cancelled') return { due: 0, owed: Math.max(0, sums.paid - sums.refunded) };
  return {
    due: Math.max(0, sums.total - sums.paid),
    owed: Math.max(0, sums.paid - sums.total - sums.otherRefunded),
  };
}

function sumsOf(state: OrderState): OrderSums {
  return {
    status: state.status,
    total: state.total.amount,
    paid: state.paid.amount,
    refunded: state.refunded.amount,
    otherRefunded: state.otherRefunded.amount,
  };
}

/** Money the buyer still owes (see `orderBalance`). */
export function amountDue(state: OrderState): Money {
  return { amount: orderBalance(sumsOf(state)).due, currency: state.currency };
}

/** Money the store owes back (see `orderBalance`). */
export function refundOwed(state: OrderState): Money {
  return { amount: orderBalance(sumsOf(state)).owed, currency: state.currency };
}

export function isDigitalOnly(state: OrderState): boolean {
  return state.lines.length > 0 && state.lines.every((line) => line.kind === 'digital');
}

/** True once any unit has left the store. Edits and cancellation stop here. */
export function hasFulfilment(state: OrderState): boolean {
  return state.lines.some((line) => line.fulfilled > 0);
}

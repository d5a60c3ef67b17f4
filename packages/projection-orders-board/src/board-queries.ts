import { utc } from '@date-fns/utc';
import { type OrderStatus, orderBalance } from '@order-ledger/core';
import { differenceInCalendarDays, differenceInHours } from 'date-fns';
import type { BoardOrder, BoardState } from './board-state';
import { type SilentOrder, silentOrder } from './silent-orders';
import type { StoreRhythm } from './store-rhythm';
import { promiseOf, type StuckReason, stuckReasons } from './stuck-rules';

export interface BoardRow {
  readonly orderId: string;
  readonly customerId: string;
  /** This is the customer's n-th order. */
  readonly customerOrdinal: number;
  /** How many orders the customer has placed in all. */
  readonly customerOrders: number;
  readonly status: OrderStatus;
  /** Whole days in the current status. */
  readonly ageDays: number;
  readonly promisedBy: string | null;
  readonly preparedBy: string | null;
  readonly stuck: readonly StuckReason[];
}

export interface PendingMoney {
  readonly orderId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly kind: 'refund-owed' | 'cancelled-not-refunded' | 'partial-payment-due' | 'awaiting-payment';
  readonly amount: number;
}

export interface BoardView {
  readonly asOf: string;
  /** Orders not done and not cancelled, oldest first, grouped by status. */
  readonly inFlight: Readonly<Record<'received' | 'preparing' | 'ready_for_pickup' | 'shipped', readonly BoardRow[]>>;
  readonly stuck: readonly BoardRow[];
  readonly pendingMoney: readonly PendingMoney[];
  /** Orders whose buyer has heard nothing for the store's `silentAfterDays`, longest silence first. */
  readonly silent: readonly SilentOrder[];
}

/** Money the order is waiting for, or owes back, today. */
export function pendingMoneyOf(order: BoardOrder): PendingMoney | undefined {
  const base = { orderId: order.orderId, customerId: order.customerId, currency: order.currency };
  const { due, owed } = orderBalance(order);
  if (owed > 0) {
    const neverRefunded = order.status === 'cancelled' && order.refunded === 0;
    return { ...base, kind: neverRefunded ? 'cancelled-not-refunded' : 'refund-owed', amount: owed };
  }
  if (due > 0) return { ...base, kind: order.paid > 0 ? 'partial-payment-due' : 'awaiting-payment', amount: due };
  return undefined;
}

/**
 * Whether money is pending on an order: `due` (waiting for it) or `owed` (to give back). An index
 * of the kept board, so the pending-money list is read without loading settled orders.
 */
export function moneyPending(order: BoardOrder): 'due' | 'owed' | null {
  const pending = pendingMoneyOf(order);
  if (pending === undefined) return null;
  return pending.kind === 'refund-owed' || pending.kind === 'cancelled-not-refunded' ? 'owed' : 'due';
}

function row(state: BoardState, order: BoardOrder, rhythm: StoreRhythm, at: Date): BoardRow {
  const promise = promiseOf(order, rhythm, at);
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    customerOrdinal: order.customerOrdinal,
    customerOrders: state.customers.get(order.customerId) ?? order.customerOrdinal,
    status: order.status,
    ageDays: Math.max(0, differenceInCalendarDays(at, new Date(order.statusSince), { in: utc })),
    promisedBy: promise === null ? null : promise.toISOString(),
    preparedBy: order.preparedBy,
    stuck: stuckReasons(order, rhythm, at),
  };
}

/**
 * The board as of `asOf`: what is in flight, what is stuck, and what money is pending. Orders
 * placed after `asOf` are left out; statuses are as folded (fold only events up to `asOf` for a
 * board of the past).
 */
export function boardView(state: BoardState, rhythm: StoreRhythm, asOf: Date): BoardView {
  const inFlight = {
    received: [] as BoardRow[],
    preparing: [] as BoardRow[],
    ready_for_pickup: [] as BoardRow[],
    shipped: [] as BoardRow[],
  };
  const stuck: BoardRow[] = [];
  const pendingMoney: PendingMoney[] = [];
  const silent: SilentOrder[] = [];
  for (const order of state.orders.values()) {
    if (new Date(order.placedAt) > asOf) continue;
    const money = pendingMoneyOf(order);
    if (money !== undefined) pendingMoney.push(money);
    if (order.status === 'done' || order.status === 'cancelled') continue;
    const current = row(state, order, rhythm, asOf);
    inFlight[order.status].push(current);
    if (current.stuck.length > 0) stuck.push(current);
    const quiet = silentOrder(order, rhythm, asOf);
    if (quiet !== undefined) silent.push(quiet);
  }
  const oldestFirst = (a: BoardRow, b: BoardRow) => b.ageDays - a.ageDays || a.orderId.localeCompare(b.orderId);
  for (const rows of Object.values(inFlight)) rows.sort(oldestFirst);
  stuck.sort(oldestFirst);
  pendingMoney.sort((a, b) => b.amount - a.amount || a.orderId.localeCompare(b.orderId));
  silent.sort((a, b) => b.silentDays - a.silentDays || a.orderId.localeCompare(b.orderId));
  return { asOf: asOf.toISOString(), inFlight, stuck, pendingMoney, silent };
}

/** Hours an order has been in its status: for boards that show "3 h" rather than "0 days". */
export function hoursInStatus(order: BoardOrder, at: Date): number {
  return differenceInHours(at, new Date(order.statusSince));
}

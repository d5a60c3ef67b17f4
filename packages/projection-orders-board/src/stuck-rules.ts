import type { OrderStatus } from '@order-ledger/core';
import type { BoardOrder } from './board-state';
import { businessDaysAfter, daysAfter, promisedBy, type StoreRhythm } from './store-rhythm';

/** Why an order is stuck, in words a shopkeeper acts on. */
export type StuckReason =
  | 'past-promise'
  | 'not-started'
  /** Not fully paid, and holding stock, a business day after it was placed. */
  | 'awaiting-payment'
  | 'preparing-too-long'
  | 'pickup-no-show'
  | 'not-delivered';

/** The status an order had at `at`, from its history; undefined before it was placed. */
export function statusAt(order: BoardOrder, at: Date): { status: OrderStatus; since: string } | undefined {
  let found: { status: OrderStatus; since: string } | undefined;
  for (const change of order.history) {
    if (new Date(change.at) > at) break;
    found = { status: change.status, since: change.at };
  }
  return found;
}

/**
 * When the order's promise starts running: when the buyer was told it is confirmed (fully paid,
 * or placed for pay-at-pickup), by the one rule of buyer-visible changes.
 */
function promiseStart(order: BoardOrder, at: Date): string | null {
  const confirmed = order.buyer.confirmedAt;
  return confirmed !== null && new Date(confirmed) <= at ? confirmed : null;
}

/** The promised date as of `at`, or null while the promise has not started (money still due). */
export function promiseOf(order: BoardOrder, rhythm: StoreRhythm, at: Date): Date | null {
  const start = promiseStart(order, at);
  return start === null ? null : promisedBy(start, rhythm);
}

/**
 * Whether the order keeps physical units committed on the shelf: stock is committed at checkout,
 * paid or not (docs/architecture.md), so an order nobody pays keeps others from buying them.
 */
function holdsStock(order: BoardOrder): boolean {
  return order.lines.some((line) => line.kind === 'physical' && line.quantity > line.fulfilled + line.cancelled);
}

/**
 * Why `order` is stuck at `at` (none when it is not), judged by the status it had then. The
 * clocks: an order received and not fully paid (pay-at-pickup orders aside: they pay at the
 * counter) is awaiting payment after `startWithinBusinessDays` from placement when it holds
 * stock; a paid one (or pay-at-pickup, from placement) is not started after the same, and past
 * its promise after `promise`; then preparing too long, a pickup no-show, not delivered.
 */
export function stuckReasons(order: BoardOrder, rhythm: StoreRhythm, at: Date): StuckReason[] {
  const then = statusAt(order, at);
  if (then === undefined) return [];
  const reasons: StuckReason[] = [];
  const promise = promiseOf(order, rhythm, at);
  const waiting = then.status === 'received' || then.status === 'preparing';
  if (waiting && promise !== null && at > promise) reasons.push('past-promise');
  const start = promiseStart(order, at);
  if (then.status === 'received' && start !== null && at > businessDaysAfter(start, rhythm.startWithinBusinessDays)) {
    reasons.push('not-started');
  }
  if (
    then.status === 'received' &&
    start === null &&
    holdsStock(order) &&
    at > businessDaysAfter(order.placedAt, rhythm.startWithinBusinessDays)
  ) {
    reasons.push('awaiting-payment');
  }
  if (then.status === 'preparing' && at > businessDaysAfter(then.since, rhythm.preparingForBusinessDays)) {
    reasons.push('preparing-too-long');
  }
  if (then.status === 'ready_for_pickup' && at > daysAfter(then.since, rhythm.pickupWithinDays))
    reasons.push('pickup-no-show');
  if (then.status === 'shipped' && !order.claimed && at > daysAfter(then.since, rhythm.deliveredWithinDays)) {
    reasons.push('not-delivered');
  }
  return reasons;
}

import type { OrderStatus } from '@order-ledger/core';
import type { BoardOrder } from './board-state';
import type { StoreRhythm } from './store-rhythm';

const dayMs = 86_400_000;

/** An order whose buyer has heard nothing for a while. */
export interface SilentOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  /** The latest change the buyer was told of (the confirmation at the earliest). */
  readonly lastBuyerChangeAt: string;
  /** Whole days since then. */
  readonly silentDays: number;
}

/**
 * Statuses in which the next step is the shop's or the carrier's. An order ready for pickup waits
 * on the buyer, who was told so: the pickup nudge and the no-show rule are about it, not silence.
 */
const waitingOnTheShop: ReadonlySet<OrderStatus> = new Set(['received', 'preparing', 'shipped']);

/**
 * The order as a silent one at `at`, or undefined when it is not: confirmed, still waiting on the
 * shop or the carrier, and no buyer-visible change for `silentAfterDays` whole days. An order not
 * yet confirmed is money awaited (pending money), not silence: the buyer knows they have not paid.
 */
export function silentOrder(order: BoardOrder, rhythm: StoreRhythm, at: Date): SilentOrder | undefined {
  if (!waitingOnTheShop.has(order.status) || order.buyer.confirmedAt === null) return undefined;
  const silentDays = Math.floor((at.getTime() - Date.parse(order.buyer.lastChangeAt)) / dayMs);
  if (silentDays < rhythm.silentAfterDays) return undefined;
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    status: order.status,
    lastBuyerChangeAt: order.buyer.lastChangeAt,
    silentDays,
  };
}

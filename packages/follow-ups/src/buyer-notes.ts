import type { BuyerChange } from '@order-ledger/core';
import type { FollowUpsState } from './follow-ups-state';

/** A note to the buyer about a change they can see, due the moment it happened. */
export interface BuyerNote {
  readonly kind: 'buyer-note';
  readonly dueAt: string;
  readonly customerId: string;
  readonly orderId: string;
  readonly delivery: 'ship' | 'pickup' | 'none';
  readonly change: BuyerChange;
}

/**
 * Every buyer note due in `(since, asOf]`, soonest first: one per buyer-visible change, due when
 * the change happened. Like `dueFollowUps`, exact over its window, so a run with the previous
 * run's `asOf` as `since` yields each note once.
 */
export function dueBuyerNotes(
  state: FollowUpsState,
  options: { readonly since?: Date; readonly asOf: Date },
): BuyerNote[] {
  const from = options.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = options.asOf.getTime();
  const due: BuyerNote[] = [];
  for (const order of state.orders.values()) {
    for (const change of order.notes) {
      const when = Date.parse(change.at);
      if (when <= from || when > to) continue;
      const { customerId, orderId, delivery } = order;
      due.push({ kind: 'buyer-note', dueAt: change.at, customerId, orderId, delivery, change });
    }
  }
  return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.orderId.localeCompare(b.orderId));
}

import { utc } from '@date-fns/utc';
import { reorderRhythmDays, type SkuPurchase } from '@order-ledger/core';
import { addDays, startOfDay } from 'date-fns';
import { type FollowUpOrder, type FollowUpsState, hasUnitsToCollect, keptUnitsBySku } from './follow-ups-state';

/** Something to send a buyer (or to decide), and when. Sending is the app's job. */
export type FollowUp =
  | { readonly kind: 'review-ask'; readonly dueAt: string; readonly customerId: string; readonly orderId: string }
  | {
      readonly kind: 'reorder-nudge';
      readonly dueAt: string;
      readonly customerId: string;
      readonly sku: string;
      /** When the buyer is expected to run out. */
      readonly runOutAt: string;
      /** The order the prediction is counted from. */
      readonly orderId: string;
    }
  | { readonly kind: 'pickup-nudge'; readonly dueAt: string; readonly customerId: string; readonly orderId: string }
  | {
      readonly kind: 'pickup-decision';
      readonly dueAt: string;
      readonly customerId: string;
      readonly orderId: string;
    };

export interface ScheduleOptions {
  /** Follow-ups due after this moment and by `asOf` (exclusive, inclusive). Default: all by `asOf`. */
  readonly since?: Date;
  readonly asOf: Date;
  /**
   * Days after delivery or pickup to ask for a review: from 00:00 UTC of that day, and never before
   * the buyer has the order. Default 0: at the moment of delivery.
   */
  readonly reviewAfterDays?: number;
  /**
   * The consumables to nudge for, each with its lifespan per unit in days when the store knows it;
   * without one, the SKU's reorder rhythm learned from the history is used.
   */
  readonly consumables?: Readonly<Record<string, { readonly lifespanDays?: number }>>;
  /** Nudge this many days before the predicted run-out. Default 3. */
  readonly leadDays?: number;
  /** Nudge a no-show this many days after the order was set out for pickup. Default 3. */
  readonly pickupNudgeAfterDays?: number;
  /** Ask the staff to decide (cancel and restock, or keep holding) after this many days. Default 14. */
  readonly pickupDecisionAfterDays?: number;
}

const inUtc = { in: utc };

function at(date: Date): string {
  return date.toISOString();
}

/**
 * The after-sale schedule derived from the history: every follow-up that falls due in
 * `(since, asOf]`, soonest first. Each has a fixed date, so running the schedule daily with the
 * previous run as `since` yields each follow-up exactly once.
 */
export function dueFollowUps(state: FollowUpsState, options: ScheduleOptions): FollowUp[] {
  const from = options.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = options.asOf.getTime();
  const due: FollowUp[] = [];
  const add = (followUp: FollowUp) => {
    const when = Date.parse(followUp.dueAt);
    if (when > from && when <= to) due.push(followUp);
  };
  const orders = [...state.orders.values()];
  for (const order of orders) {
    if (order.cancelled) continue;
    const { customerId, orderId } = order;
    if (order.receivedAt !== null && !order.troubled) {
      add({ kind: 'review-ask', dueAt: at(reviewAskDue(order.receivedAt, options)), customerId, orderId });
    }
    if (order.readyForPickupAt !== null && order.receivedAt === null && hasUnitsToCollect(order)) {
      const ready = new Date(order.readyForPickupAt);
      add({
        kind: 'pickup-nudge',
        dueAt: at(addDays(ready, options.pickupNudgeAfterDays ?? 3, inUtc)),
        customerId,
        orderId,
      });
      add({
        kind: 'pickup-decision',
        dueAt: at(addDays(ready, options.pickupDecisionAfterDays ?? 14, inUtc)),
        customerId,
        orderId,
      });
    }
  }
  for (const nudge of reorderNudges(orders, options)) add(nudge);
  return due.sort(
    (a, b) =>
      a.dueAt.localeCompare(b.dueAt) || a.kind.localeCompare(b.kind) || a.customerId.localeCompare(b.customerId),
  );
}

/**
 * When to ask for a review of an order the buyer had in hand at `receivedAt`: the start of the day
 * `reviewAfterDays` later, or the moment of delivery itself when that is later (always, for 0 days).
 * Never before it: a run that looks only at the past must still find the ask after the delivery
 * is recorded, and a fixed date keeps it to one run. The same rule serves every delivery method.
 */
function reviewAskDue(receivedAt: string, options: ScheduleOptions): Date {
  const delivered = new Date(receivedAt);
  const day = startOfDay(addDays(delivered, options.reviewAfterDays ?? 0, inUtc), inUtc);
  return day > delivered ? day : delivered;
}

function reorderNudges(orders: readonly FollowUpOrder[], options: ScheduleOptions): FollowUp[] {
  const consumables = options.consumables ?? {};
  if (Object.keys(consumables).length === 0) return [];
  const purchases: SkuPurchase[] = [];
  const latest = new Map<string, { order: FollowUpOrder; quantity: number }>();
  for (const order of orders) {
    if (order.cancelled) continue;
    for (const [sku, quantity] of keptUnitsBySku(order)) {
      if (consumables[sku] === undefined) continue;
      purchases.push({ customerId: order.customerId, sku, at: order.placedAt, quantity });
      // The latest order holding the SKU is the one the next run-out counts from: a later or open
      // order that already has it pushes the nudge on.
      const key = `${order.customerId}\u0000${sku}`;
      const current = latest.get(key);
      if (current === undefined || order.placedAt > current.order.placedAt) latest.set(key, { order, quantity });
    }
  }
  const rhythm = reorderRhythmDays(purchases);
  const nudges: FollowUp[] = [];
  for (const [key, { order, quantity }] of latest) {
    const sku = key.slice(key.indexOf('\u0000') + 1);
    const lifespan = consumables[sku]?.lifespanDays;
    const days = lifespan !== undefined ? lifespan * quantity : rhythm.get(sku);
    const leadDays = options.leadDays ?? 3;
    // A nudge is never due before the purchase it follows: a run-out sooner than the lead (a
    // rhythm of 0 days from same-day repeat orders, a one-day lifespan) is nothing to nudge on.
    if (days === undefined || days < leadDays) continue;
    const runOut = addDays(new Date(order.placedAt), days, inUtc);
    nudges.push({
      kind: 'reorder-nudge',
      dueAt: at(addDays(runOut, -leadDays, inUtc)),
      customerId: order.customerId,
      sku,
      runOutAt: at(runOut),
      orderId: order.orderId,
    });
  }
  return nudges;
}

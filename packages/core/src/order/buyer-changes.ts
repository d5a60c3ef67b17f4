import type { OrderEvent } from '../catalogue/order-events';
import type { Money } from '../money/money';

/**
 * A change the buyer can see, and so is told of. The rule of which order events are such changes
 * lives here alone: the buyer notes an outbox sends, the tracking page and the board's silent
 * orders all read it.
 *
 * - `confirmed`: the shop's promise starts: the order is fully paid, or placed to be paid at
 *   pickup (or costs nothing). Payments before that are not told one by one.
 * - `preparing`, `ready-for-pickup`, `shipped` (with carrier and tracking when recorded),
 *   `delivered`, `picked-up`: the order moved on.
 * - `refunded`: money went back, with the amount; numbered from 1 per order.
 * - `cancelled`: the order will not come.
 *
 * An edit, a return received or a claim is not here: the buyer asked for those and hears back
 * through what follows (a refund, a replacement shipped).
 */
export type BuyerChange =
  | { readonly kind: 'confirmed'; readonly at: string }
  | { readonly kind: 'preparing'; readonly at: string }
  | { readonly kind: 'ready-for-pickup'; readonly at: string; readonly pickupLocation?: string }
  | { readonly kind: 'shipped'; readonly at: string; readonly carrier?: string; readonly trackingNumber?: string }
  | { readonly kind: 'delivered'; readonly at: string }
  | { readonly kind: 'picked-up'; readonly at: string }
  | { readonly kind: 'refunded'; readonly at: string; readonly refund: number; readonly amount: Money }
  | { readonly kind: 'cancelled'; readonly at: string };

export type BuyerChangeKind = BuyerChange['kind'];

/** What telling the buyer of a change needs to remember of an order: money to know when it is confirmed. */
export interface BuyerFacts {
  readonly payAtPickup: boolean;
  /** Minor units. */
  total: number;
  paid: number;
  confirmedAt: string | null;
  /** Refunds told so far. */
  refunds: number;
  /** The latest buyer-visible change, or placement before any. */
  lastChangeAt: string;
  /** Statuses told, so a status is told once even when events repeat it. */
  told: BuyerChangeKind[];
}

function confirmIfCovered(facts: BuyerFacts, at: string): BuyerChange | undefined {
  if (facts.confirmedAt !== null || facts.paid < facts.total) return undefined;
  facts.confirmedAt = at;
  return { kind: 'confirmed', at };
}

function onceOnly(facts: BuyerFacts, change: BuyerChange): BuyerChange | undefined {
  if (facts.told.includes(change.kind)) return undefined;
  facts.told.push(change.kind);
  return change;
}

/**
 * Folds one order event into the buyer facts of its order, in place, and returns the change the
 * buyer sees, if any. `OrderPlaced` starts the facts (pass `undefined`); a fold keeps the facts on
 * its order.
 */
export function buyerChangeOf(
  facts: BuyerFacts | undefined,
  event: OrderEvent,
): { readonly facts: BuyerFacts | undefined; readonly change: BuyerChange | undefined } {
  if (event.type === 'OrderPlaced') {
    const { data } = event;
    let total = data.shipping.amount + data.tax.amount - data.discount.amount;
    for (const line of data.lines) total += line.unitPrice.amount * line.quantity;
    const started: BuyerFacts = {
      payAtPickup: data.payAtPickup ?? false,
      total,
      paid: 0,
      confirmedAt: null,
      refunds: 0,
      lastChangeAt: data.at,
      told: [],
    };
    // Paid at the counter or costing nothing: the promise starts now.
    if (!started.payAtPickup && total > 0) return { facts: started, change: undefined };
    started.confirmedAt = data.at;
    return { facts: started, change: { kind: 'confirmed', at: data.at } };
  }
  if (facts === undefined) return { facts, change: undefined };
  const change = nextChange(facts, event);
  if (change !== undefined) facts.lastChangeAt = change.at;
  return { facts, change };
}

function nextChange(facts: BuyerFacts, event: OrderEvent): BuyerChange | undefined {
  const at = event.data.at;
  switch (event.type) {
    case 'Paid':
      facts.paid += event.data.amount.amount;
      return confirmIfCovered(facts, at);
    case 'OrderEdited':
      facts.total = event.data.total.amount;
      return confirmIfCovered(facts, at);
    case 'Preparing':
      return onceOnly(facts, { kind: 'preparing', at });
    case 'ReadyForPickup': {
      const location = event.data.pickupLocation;
      return onceOnly(facts, {
        kind: 'ready-for-pickup',
        at,
        ...(location === undefined ? {} : { pickupLocation: location }),
      });
    }
    case 'Shipped': {
      const { carrier, trackingNumber } = event.data;
      return onceOnly(facts, {
        kind: 'shipped',
        at,
        ...(carrier === undefined ? {} : { carrier }),
        ...(trackingNumber === undefined ? {} : { trackingNumber }),
      });
    }
    case 'Delivered':
      return onceOnly(facts, { kind: 'delivered', at });
    case 'PickedUp':
      return onceOnly(facts, { kind: 'picked-up', at });
    case 'OrderCancelled':
      return onceOnly(facts, { kind: 'cancelled', at });
    case 'Refunded':
      facts.refunds += 1;
      return { kind: 'refunded', at, refund: facts.refunds, amount: event.data.amount };
    default:
      return undefined;
  }
}

/** One order's history folded: what its buyer was told, in order, and the facts as they stand. */
export function buyerJourney(events: readonly OrderEvent[]): {
  readonly facts: BuyerFacts | undefined;
  readonly changes: readonly BuyerChange[];
} {
  let facts: BuyerFacts | undefined;
  const changes: BuyerChange[] = [];
  for (const event of events) {
    const next = buyerChangeOf(facts, event);
    facts = next.facts;
    if (next.change !== undefined) changes.push(next.change);
  }
  return { facts, changes };
}

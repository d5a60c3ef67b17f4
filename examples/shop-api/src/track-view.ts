import { type BuyerChange, buyerJourney, formatMoney, type OrderEvent, type OrderState } from '@order-ledger/core';
import { promisedBy, type StoreRhythm } from '@order-ledger/projection-orders-board';

/** One order as its buyer sees it: no internal names, dates as days. */
export interface TrackView {
  readonly orderId: string;
  /** Where the order stands, in the buyer's words. */
  readonly status: string;
  /**
   * "Ships Thursday 5 March", "Ready for pickup from Tuesday 3 March" ("Running late: promised to
   * ship …" past that day); null once kept or while unpaid.
   */
  readonly promise: string | null;
  /** The end of the promised day, for a page that words it itself. */
  readonly promisedBy: string | null;
  /** What happens next, or null when nothing will. */
  readonly next: string | null;
  /** The carrier and tracking number, once shipped with them. */
  readonly tracking: { readonly carrier?: string; readonly trackingNumber?: string } | null;
  /** What the buyer was told so far, oldest first. */
  readonly history: readonly { readonly what: string; readonly at: string }[];
}

/** A day as a buyer reads it: "Thursday 5 March". */
export function buyerDay(at: Date | string): string {
  return new Date(at).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** Each change as one line of the order's story. */
function storyLine(change: BuyerChange): string {
  switch (change.kind) {
    case 'confirmed':
      return 'Order confirmed';
    case 'preparing':
      return 'Being prepared';
    case 'ready-for-pickup':
      return change.pickupLocation === undefined ? 'Ready to collect' : `Ready to collect at ${change.pickupLocation}`;
    case 'shipped':
      return change.carrier === undefined ? 'Shipped' : `Shipped with ${change.carrier}`;
    case 'delivered':
      return 'Delivered';
    case 'picked-up':
      return 'Collected';
    case 'refunded':
      return `Refunded ${formatMoney(change.amount)}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

type Journey = ReturnType<typeof buyerJourney>;

/** Where the order stands and what comes next, from its status and what the buyer was told. */
function standing(
  order: OrderState,
  journey: Journey,
  promise: string | null,
): { status: string; next: string | null } {
  const last = <K extends BuyerChange['kind']>(kind: K) =>
    journey.changes.findLast((change): change is Extract<BuyerChange, { kind: K }> => change.kind === kind);
  const pickup = order.delivery.method === 'pickup';
  const promised = promise === null ? '' : ` ${promise}.`;
  switch (order.status) {
    case 'received':
      if (journey.facts?.confirmedAt == null)
        return { status: 'Waiting for payment', next: 'We start on it once it is paid.' };
      return { status: 'Confirmed', next: `We prepare it next.${promised}` };
    case 'preparing':
      return { status: 'Being prepared', next: promise === null ? null : `${promise}.` };
    case 'ready_for_pickup': {
      const where = last('ready-for-pickup')?.pickupLocation;
      return {
        status: 'Ready to collect',
        next: where === undefined ? 'Come and collect it.' : `Collect it at ${where}.`,
      };
    }
    case 'shipped':
      return { status: 'On its way', next: 'The carrier brings it to you.' };
    case 'done':
      return { status: last('picked-up') !== undefined || pickup ? 'Collected' : 'Delivered', next: null };
    case 'cancelled':
      return {
        status: 'Cancelled',
        next: order.paid.amount > order.refunded.amount ? 'Your money comes back to you.' : null,
      };
  }
}

/** The promise as the buyer reads it; past its day, said plainly rather than shown as if still ahead. */
function promiseWords(pickup: boolean, due: Date, now: Date): string {
  const day = buyerDay(due);
  if (now > due) return pickup ? `Running late: promised ready from ${day}` : `Running late: promised to ship ${day}`;
  return pickup ? `Ready for pickup from ${day}` : `Ships ${day}`;
}

/**
 * The buyer's view of one order from its own events: the buyer-visible changes by the one rule in
 * core, the promised day by the store's rhythm as the board counts it (from the confirmation).
 */
export function trackView(order: OrderState, events: readonly OrderEvent[], rhythm: StoreRhythm, now: Date): TrackView {
  const journey = buyerJourney(events);
  const confirmedAt = journey.facts?.confirmedAt ?? null;
  const waiting = order.status === 'received' || order.status === 'preparing';
  const due = confirmedAt === null || !waiting ? null : promisedBy(confirmedAt, rhythm);
  const promise = due === null ? null : promiseWords(order.delivery.method === 'pickup', due, now);
  const shipped = journey.changes.findLast((change) => change.kind === 'shipped');
  const tracking =
    shipped?.kind === 'shipped' && (shipped.carrier !== undefined || shipped.trackingNumber !== undefined)
      ? {
          ...(shipped.carrier === undefined ? {} : { carrier: shipped.carrier }),
          ...(shipped.trackingNumber === undefined ? {} : { trackingNumber: shipped.trackingNumber }),
        }
      : null;
  return {
    orderId: order.orderId,
    ...standing(order, journey, promise),
    promise,
    promisedBy: due === null ? null : due.toISOString(),
    tracking,
    history: [
      { what: 'Order placed', at: order.placedAt },
      ...journey.changes.map((change) => ({ what: storyLine(change), at: change.at })),
    ],
  };
}

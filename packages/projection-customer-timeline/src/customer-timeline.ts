import { formatMoney, type OrderEvent, type Projection, type RecordedEvent } from '@order-ledger/core';
import {
  type CustomerTimeline,
  initialTimelineState,
  type TimelineEntry,
  type TimelineState,
  type Touchpoint,
} from './timeline-state';

function timelineOf(state: TimelineState, customerId: string): CustomerTimeline {
  let timeline = state.customers.get(customerId);
  // Every caller changes the timeline it asks for: its row is written at the next save.
  if (timeline !== undefined) state.customers.touch(customerId);
  else {
    timeline = {
      customerId,
      firstOrderAt: null,
      lastOrderAt: null,
      orderCount: 0,
      cancelledCount: 0,
      currency: null,
      paid: 0,
      refunded: 0,
      entries: [],
    };
    state.customers.set(customerId, timeline);
  }
  return timeline;
}

/** Inserts keeping business-time order; equal times keep arrival order. Usually an append. */
function insertChronologically(entries: TimelineEntry[], entry: TimelineEntry): void {
  let index = entries.length;
  while (index > 0 && (entries[index - 1]?.at ?? '') > entry.at) index -= 1;
  // A replay appends nearly every entry: push is much cheaper than a splice at the end.
  if (index === entries.length) entries.push(entry);
  else entries.splice(index, 0, entry);
}

/**
 * Puts a touchpoint of your app's (an email sent, a booking made) on the customer's timeline, in
 * place. Use it for contacts the ledger does not record; for contacts your app records as events
 * of its own, pass `touchpoints` to `customerTimeline` instead, so a rebuild finds them too.
 */
export function addTouchpoint(state: TimelineState, touchpoint: Touchpoint): TimelineState {
  const { customerId, ...rest } = touchpoint;
  insertChronologically(timelineOf(state, customerId).entries, { kind: 'touchpoint', ...rest });
  return state;
}

/** An entry in words: "Order 1001: paid EUR 86.00 by card". Worded when read, not when folded. */
export function describeEntry(entry: TimelineEntry): string {
  if (entry.kind === 'touchpoint') return entry.summary;
  return describeOrderEvent(entry.orderId, { type: entry.type, data: entry.data } as OrderEvent);
}

/** One order event in words, as a timeline shows it: "Order 1001: paid EUR 86.00 by card". */
export function describeOrderEvent(orderId: string, event: Pick<OrderEvent, 'type' | 'data'>): string {
  return `Order ${orderId}: ${describe(event as OrderEvent)}`;
}

function describe(event: OrderEvent): string {
  switch (event.type) {
    case 'OrderPlaced': {
      const units = event.data.lines.reduce((sum, line) => sum + line.quantity, 0);
      return `placed ${units} item${units === 1 ? '' : 's'} (${event.data.delivery.method})`;
    }
    case 'Paid':
      return `paid ${formatMoney(event.data.amount)} by ${event.data.method.replaceAll('_', ' ')}`;
    case 'Refunded':
      return `refunded ${formatMoney(event.data.amount)} (${event.data.reason.replaceAll('_', ' ')})`;
    case 'OrderCancelled':
      return `cancelled (${event.data.reason})`;
    case 'Shipped':
      return event.data.carrier === undefined ? 'shipped' : `shipped with ${event.data.carrier}`;
    case 'ReturnReceived':
      return `returned ${event.data.lines.reduce((sum, line) => sum + line.quantity, 0)} item(s)`;
    case 'NeverArrivedClaimed':
      return 'said the parcel never arrived';
    case 'NeverArrivedSettled':
      return `claim settled: ${event.data.settlement}`;
    default:
      return event.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }
}

export interface CustomerTimelineOptions {
  /**
   * Maps your app's own events (an `EmailSent` in your catalogue, say) to touchpoints, so they sit
   * on the same timeline and come back on every rebuild. Return undefined for events to skip.
   */
  readonly touchpoints?: (event: RecordedEvent) => Touchpoint | undefined;
}

/** Each buyer's orders on one timeline, as a projection. */
export function customerTimeline(options: CustomerTimelineOptions = {}): Projection<TimelineState> {
  return {
    name: 'customer-timeline',
    version: 3,
    initialState: initialTimelineState,
    evolve: (state, recorded) => {
      if (!recorded.streamId.startsWith('order-')) {
        const touchpoint = options.touchpoints?.(recorded);
        return touchpoint === undefined ? state : addTouchpoint(state, touchpoint);
      }
      const event = recorded as RecordedEvent<OrderEvent>;
      const orderId = recorded.streamId.slice('order-'.length);
      if (event.type === 'OrderPlaced') {
        const timeline = timelineOf(state, event.data.customerId);
        state.orderCustomer.set(orderId, event.data.customerId);
        timeline.orderCount += 1;
        timeline.currency ??= event.data.currency;
        if (timeline.firstOrderAt === null || event.data.at < timeline.firstOrderAt)
          timeline.firstOrderAt = event.data.at;
        if (timeline.lastOrderAt === null || event.data.at > timeline.lastOrderAt) timeline.lastOrderAt = event.data.at;
      }
      const customerId = state.orderCustomer.get(orderId);
      if (customerId === undefined) return state;
      const timeline = timelineOf(state, customerId);
      if (event.type === 'Paid') timeline.paid += event.data.amount.amount;
      if (event.type === 'Refunded') timeline.refunded += event.data.amount.amount;
      if (event.type === 'OrderCancelled') timeline.cancelledCount += 1;
      insertChronologically(timeline.entries, {
        kind: 'order',
        at: event.data.at,
        orderId,
        type: event.type,
        data: event.data,
      });
      return state;
    },
  };
}

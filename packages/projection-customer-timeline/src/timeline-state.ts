import { KeptCollection } from '@order-ledger/core';

/** One moment on a buyer's timeline: an order event, or a touchpoint your app adds. */
export type TimelineEntry =
  | {
      readonly kind: 'order';
      readonly at: string;
      readonly orderId: string;
      /**
       * The order event's type and data, as recorded; `describeEntry` words them for people. They
       * sit on the entry itself, not in an object of their own: a replay makes one entry per
       * event, and one allocation fewer each is felt.
       */
      readonly type: string;
      readonly data: unknown;
    }
  | {
      readonly kind: 'touchpoint';
      readonly at: string;
      /** What kind of contact: `email`, `booking`, `call`… your words. */
      readonly channel: string;
      readonly summary: string;
      readonly orderId?: string;
    };

/** A touchpoint to place on a customer's timeline. */
export interface Touchpoint {
  readonly customerId: string;
  readonly at: string;
  readonly channel: string;
  readonly summary: string;
  readonly orderId?: string;
}

export interface CustomerTimeline {
  readonly customerId: string;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  orderCount: number;
  cancelledCount: number;
  currency: string | null;
  paid: number;
  refunded: number;
  /** Chronological, by business time. */
  entries: TimelineEntry[];
}

/** Timelines kept row by row: one per customer, and which customer each order belongs to. */
export interface TimelineState {
  readonly customers: KeptCollection<CustomerTimeline>;
  /** Which customer each order belongs to. */
  readonly orderCustomer: KeptCollection<string>;
}

export function initialTimelineState(): TimelineState {
  return { customers: new KeptCollection<CustomerTimeline>(), orderCustomer: new KeptCollection<string>() };
}

/** Net spend after refunds: what the customer paid and kept paid. */
export function netSpend(timeline: CustomerTimeline): number {
  return timeline.paid - timeline.refunded;
}

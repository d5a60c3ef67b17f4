import type { OrderEvent, OrderStatus, RefundReason } from '@order-ledger/core';
import type { PendingMoney, StuckReason } from '@order-ledger/projection-orders-board';

/** Statuses as a shop's staff say them: never the ledger's identifiers. */
export const statusWords: Readonly<Record<OrderStatus, string>> = {
  received: 'Received',
  preparing: 'Preparing',
  ready_for_pickup: 'Ready for pickup',
  shipped: 'Shipped',
  done: 'Completed',
  cancelled: 'Cancelled',
};

export const stuckWords: Readonly<Record<StuckReason, string>> = {
  'past-promise': 'Past its promised date',
  'not-started': 'Paid, not started',
  'awaiting-payment': 'Unpaid, holding stock',
  'preparing-too-long': 'Preparing too long',
  'pickup-no-show': 'Not picked up',
  'not-delivered': 'Shipped, not delivered',
};

export const pendingMoneyWords: Readonly<Record<PendingMoney['kind'], string>> = {
  'refund-owed': 'Refund owed to the buyer',
  'cancelled-not-refunded': 'Cancelled, not refunded',
  'partial-payment-due': 'Part paid, the rest due',
  'awaiting-payment': 'Awaiting payment',
};

export const refundReasonWords: Readonly<Record<RefundReason, string>> = {
  damaged: 'Damaged',
  wrong_item: 'Wrong item',
  missing_item: 'Missing item',
  not_arrived: 'Never arrived',
  changed_mind: 'Changed their mind',
  cancelled: 'Cancelled',
  price_adjustment: 'Price adjustment',
  other: 'Other',
};

/** An identifier the ledger keeps in snake case (a reason, a method), in plain words. */
export function plain(identifier: string): string {
  const words = identifier.replaceAll(/[_-]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Minor units as the reader's locale writes that currency: 4500 EUR is €45.00, 4500 JPY is ¥4,500. */
export function money(amount: number, currency: string): string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/** "2 Mar 2026, 09:00" in the reader's locale and time zone. */
export function when(iso: string | null | undefined): string {
  return iso === null || iso === undefined || iso === '' ? '—' : dateTime.format(new Date(iso));
}

/** "Thu 5 Mar": a promised day; none while the order is unpaid (the promise runs from payment). */
export function day(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? 'once paid' : dateOnly.format(new Date(iso));
}

export function age(days: number): string {
  if (days === 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

const units = (count: number) => (count === 1 ? '1 item' : `${count} items`);

/** One order event in a sentence, for an order's timeline and a customer's. */
export function describeEvent(event: OrderEvent): string {
  switch (event.type) {
    case 'OrderPlaced': {
      const count = event.data.lines.reduce((sum, line) => sum + line.quantity, 0);
      const how =
        event.data.delivery.method === 'pickup' ? 'for pickup' : event.data.delivery.method === 'ship' ? 'to ship' : '';
      return `Placed ${units(count)} ${how}`.trim();
    }
    case 'Paid':
      return `Paid ${money(event.data.amount.amount, event.data.amount.currency)} by ${plain(event.data.method).toLowerCase()}`;
    case 'Preparing':
      return event.data.preparedBy === undefined ? 'Preparing' : `Preparing (${event.data.preparedBy})`;
    case 'ReadyForPickup':
      return event.data.pickupLocation === undefined
        ? 'Ready for pickup'
        : `Ready for pickup at ${event.data.pickupLocation}`;
    case 'Shipped': {
      const by = [event.data.carrier, event.data.trackingNumber].filter((part) => part !== undefined).join(', ');
      return by === '' ? 'Shipped' : `Shipped (${by})`;
    }
    case 'Delivered':
      return 'Delivered';
    case 'PickedUp':
      return 'Picked up';
    case 'DigitalDelivered':
      return 'Digital items delivered';
    case 'OrderEdited':
      return `Edited: ${event.data.changes.map((change) => plain(change.kind.replace(/([a-z])([A-Z])/g, '$1 $2')).toLowerCase()).join(', ')}`;
    case 'OrderCancelled':
      return `Cancelled (${plain(event.data.reason).toLowerCase()})`;
    case 'Refunded':
      return `Refunded ${money(event.data.amount.amount, event.data.amount.currency)} (${refundReasonWords[event.data.reason].toLowerCase()})`;
    case 'ReturnReceived':
      return `${units(event.data.lines.reduce((sum, line) => sum + line.quantity, 0))} came back`;
    case 'NeverArrivedClaimed':
      return 'The buyer says it never arrived';
    case 'NeverArrivedSettled':
      return `Claim settled: ${event.data.settlement}`;
    case 'ReplacementShipped':
      return 'Replacement shipped';
  }
}

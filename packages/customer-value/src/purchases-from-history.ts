import type { RecordedEvent } from '@order-ledger/core';
import type { Purchase } from './customer-summary';

export interface HistoryPurchases {
  /** The currency the purchases are in: the one most orders use. */
  readonly currency: string | undefined;
  readonly purchases: readonly Purchase[];
  /** Orders left out because they are in another currency: spend in two currencies does not add up. */
  readonly otherCurrencyOrders: number;
}

interface OrderSpend {
  customerId: string;
  day: string;
  currency: string;
  total: number;
  paid: number;
  refunded: number;
  cancelled: boolean;
}

/**
 * Each order as the literature's purchase: its customer, the day it was placed (a UTC calendar
 * day: the store's own zone comes with the store policy) and its spend in minor units: what was
 * paid, up to the order's total as edited, less what was refunded beyond an overpayment. An order
 * not (yet) paid, or cancelled, spent nothing, and a day that spent nothing is no purchase. Events
 * after `asOf` are not seen: a refund made later does not change the past.
 */
export function purchasesFromHistory(events: Iterable<RecordedEvent>, asOf: Date): HistoryPurchases {
  const cutoff = asOf.getTime();
  const orders = new Map<string, OrderSpend>();
  for (const event of events) {
    if (Date.parse(event.data.at) > cutoff) continue;
    switch (event.type) {
      case 'OrderPlaced': {
        const { data } = event;
        let goods = 0;
        for (const line of data.lines) goods += line.unitPrice.amount * line.quantity;
        orders.set(data.orderId, {
          customerId: data.customerId,
          day: new Date(data.at).toISOString().slice(0, 10),
          currency: data.currency,
          total: goods + data.shipping.amount + data.tax.amount - data.discount.amount,
          paid: 0,
          refunded: 0,
          cancelled: false,
        });
        break;
      }
      case 'OrderEdited': {
        const order = orders.get(orderIdOf(event.streamId));
        if (order !== undefined) order.total = event.data.total.amount;
        break;
      }
      case 'Paid': {
        const order = orders.get(orderIdOf(event.streamId));
        if (order !== undefined) order.paid += event.data.amount.amount;
        break;
      }
      case 'Refunded': {
        const order = orders.get(orderIdOf(event.streamId));
        if (order !== undefined) order.refunded += event.data.amount.amount;
        break;
      }
      case 'OrderCancelled': {
        const order = orders.get(orderIdOf(event.streamId));
        if (order !== undefined) order.cancelled = true;
        break;
      }
      default:
        break;
    }
  }
  const byCurrency = new Map<string, number>();
  for (const order of orders.values()) byCurrency.set(order.currency, (byCurrency.get(order.currency) ?? 0) + 1);
  const currency = [...byCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const purchases: Purchase[] = [];
  let otherCurrencyOrders = 0;
  for (const order of orders.values()) {
    if (order.currency !== currency) {
      otherCurrencyOrders += 1;
      continue;
    }
    // What the shop kept for the goods: paid up to the total, less refunds beyond giving back an
    // overpayment (an edit down after payment is not a smaller purchase twice).
    const overpaid = Math.max(0, order.paid - order.total);
    const spend = order.cancelled
      ? 0
      : Math.max(0, Math.min(order.total, order.paid) - Math.max(0, order.refunded - overpaid));
    purchases.push({ customerId: order.customerId, day: order.day, spend });
  }
  return { currency, purchases, otherCurrencyOrders };
}

/** Order streams are `order-<orderId>`. */
function orderIdOf(streamId: string): string {
  return streamId.slice('order-'.length);
}

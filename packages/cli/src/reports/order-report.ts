import {
  amountDue,
  type EventStore,
  formatMoney,
  fulfilmentStatusWords,
  type OrderEvent,
  OrderLedger,
  orderStatusWords,
  orderStreamId,
  paymentStatusWords,
  type RecordedEvent,
  refundOwed,
} from '@order-ledger/core';
import { describeOrderEvent } from '@order-ledger/projection-customer-timeline';
import { UserError } from '../cli-error';
import { table } from '../output';
import type { Report } from './reports';

/**
 * `order-ledger report order <id>`: one order as the ledger decides on it (status, money, each
 * line's units) and its whole history in words. Read from the order's own stream: one order never
 * needs a read model.
 */
export async function orderReport(store: EventStore, orderId: string): Promise<Report> {
  const events = (await store.readStream(orderStreamId(orderId))) as RecordedEvent<OrderEvent>[];
  if (events.length === 0) throw new UserError(`no order "${orderId}" in this store`);
  const order = await new OrderLedger(store).order(orderId);
  const history = events.map((event) => ({
    at: event.data.at,
    type: event.type,
    summary: describeOrderEvent(orderId, event),
  }));
  const due = amountDue(order);
  const owed = refundOwed(order);
  const lines = order.lines.map((line) => ({
    lineId: line.lineId,
    sku: line.sku,
    kind: line.kind,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    fulfilled: line.fulfilled,
    cancelled: line.cancelled,
    refunded: line.refundedQuantity,
    returned: line.returnedResellable + line.returnedDamaged,
  }));
  const data = {
    orderId,
    customerId: order.customerId,
    placedAt: order.placedAt,
    status: order.status,
    statusSince: order.statusSince,
    paymentStatus: order.paymentStatus,
    fulfilmentStatus: order.fulfilmentStatus,
    delivery: order.delivery.method,
    total: order.total,
    paid: order.paid,
    refunded: order.refunded,
    due,
    owed,
    lines,
    openClaims: order.claims.filter((claim) => claim.settlement === undefined).length,
    history,
  };
  const money = [`total ${formatMoney(order.total)}`, `paid ${formatMoney(order.paid)}`];
  if (order.refunded.amount > 0) money.push(`refunded ${formatMoney(order.refunded)}`);
  if (due.amount > 0) money.push(`due ${formatMoney(due)}`);
  if (owed.amount > 0) money.push(`owed back ${formatMoney(owed)}`);
  const text = [
    `Order ${orderId} for ${order.customerId}, placed ${order.placedAt.replace('T', ' ').slice(0, 16)} (${order.delivery.method})`,
    `Status: ${orderStatusWords[order.status]} since ${order.statusSince.replace('T', ' ').slice(0, 16)}; payment ${paymentStatusWords[order.paymentStatus]}; fulfilment ${fulfilmentStatusWords[order.fulfilmentStatus]}`,
    `Money: ${money.join(', ')}`,
    ...(data.openClaims > 0 ? [`Open "never arrived" claims: ${data.openClaims}`] : []),
    '',
    table(
      ['line', 'sku', 'units', 'price', 'sent', 'cancelled', 'refunded', 'returned'],
      lines.map((line) => [
        line.lineId,
        line.sku,
        line.quantity,
        formatMoney(line.unitPrice),
        line.fulfilled,
        line.cancelled,
        line.refunded,
        line.returned,
      ]),
    ),
    '',
    table(
      ['when', 'what'],
      history.map((entry) => [entry.at.replace('T', ' ').slice(0, 16), entry.summary]),
    ),
  ].join('\n');
  return { data, text };
}

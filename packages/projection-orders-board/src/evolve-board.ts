import { buyerChangeOf, type OrderEvent, type OrderStatus, type RecordedEvent } from '@order-ledger/core';
import type { BoardLine, BoardOrder, BoardState } from './board-state';

/** The order id of an order stream (`order-<id>`). */
function orderIdOf(streamId: string): string {
  return streamId.slice(6);
}

function moveTo(order: BoardOrder, status: OrderStatus, at: string): void {
  if (order.status === status) return;
  order.status = status;
  order.statusSince = at;
  order.history.push({ status, at });
}

function fulfil(lines: readonly BoardLine[], which: (line: BoardLine) => boolean): void {
  for (const line of lines) if (which(line)) line.fulfilled += line.quantity - line.fulfilled - line.cancelled;
}

/**
 * Folds one order event into the board, in place. The statuses follow the order aggregate's
 * schedule exactly (a law test holds them equal), with a lean fold of its own: the board reads
 * every event of the store's history on a rebuild, so it keeps only what it shows.
 */
export function evolveBoard(state: BoardState, event: RecordedEvent): BoardState {
  const orderEvent = event as RecordedEvent<OrderEvent>;
  if (orderEvent.type === 'OrderPlaced') {
    const { data } = orderEvent;
    if (state.orders.has(data.orderId)) return state;
    const ordinal = (state.customers.get(data.customerId) ?? 0) + 1;
    state.customers.set(data.customerId, ordinal);
    let subtotal = 0;
    const lines: BoardLine[] = [];
    for (const line of data.lines) {
      subtotal += line.unitPrice.amount * line.quantity;
      lines.push({
        lineId: line.lineId,
        sku: line.sku,
        kind: line.kind,
        quantity: line.quantity,
        fulfilled: 0,
        cancelled: 0,
      });
    }
    const total = subtotal + data.shipping.amount + data.tax.amount - data.discount.amount;
    const { facts } = buyerChangeOf(undefined, orderEvent);
    if (facts === undefined) return state;
    const order: BoardOrder = {
      orderId: data.orderId,
      customerId: data.customerId,
      customerOrdinal: ordinal,
      placedAt: data.at,
      delivery: data.delivery.method,
      payAtPickup: data.payAtPickup ?? false,
      currency: data.currency,
      status: 'received',
      statusSince: data.at,
      total,
      paid: 0,
      refunded: 0,
      otherRefunded: 0,
      preparedBy: null,
      openClaims: 0,
      claimed: false,
      lines,
      history: [{ status: 'received', at: data.at }],
      refunds: [],
      buyer: facts,
    };
    state.orders.set(data.orderId, order);
    return state;
  }

  const orderId = orderIdOf(event.streamId);
  const order = state.orders.get(orderId);
  if (order === undefined) return state;
  // Every event below changes the order in place: its row is written at the next save.
  state.orders.touch(orderId);
  const at = orderEvent.data.at;
  buyerChangeOf(order.buyer, orderEvent);
  switch (orderEvent.type) {
    case 'Paid':
      order.paid += orderEvent.data.amount.amount;
      break;
    case 'Preparing':
      moveTo(order, 'preparing', at);
      order.preparedBy = orderEvent.data.preparedBy ?? null;
      if (order.preparedBy !== null)
        state.preparers.set(order.preparedBy, (state.preparers.get(order.preparedBy) ?? 0) + 1);
      break;
    case 'ReadyForPickup':
      moveTo(order, 'ready_for_pickup', at);
      break;
    case 'Shipped':
      fulfil(order.lines, (line) => line.kind === 'physical');
      moveTo(order, 'shipped', at);
      break;
    case 'Delivered':
      moveTo(order, 'done', at);
      break;
    case 'PickedUp':
      fulfil(order.lines, (line) => line.kind === 'physical');
      moveTo(order, 'done', at);
      break;
    case 'DigitalDelivered': {
      const delivered = new Set(orderEvent.data.lineIds);
      fulfil(order.lines, (line) => delivered.has(line.lineId));
      if (order.lines.every((line) => line.kind === 'digital')) moveTo(order, 'done', at);
      break;
    }
    case 'OrderEdited':
      for (const change of orderEvent.data.changes) {
        const line =
          'lineId' in change ? order.lines.find((candidate) => candidate.lineId === change.lineId) : undefined;
        if (line === undefined) continue;
        if (change.kind === 'VariantSwapped') line.sku = change.sku;
        if (change.kind === 'QuantityChanged') line.quantity = change.quantity;
      }
      order.total = orderEvent.data.total.amount;
      break;
    case 'OrderCancelled':
      for (const line of order.lines) line.cancelled += line.quantity - line.fulfilled - line.cancelled;
      moveTo(order, 'cancelled', at);
      break;
    case 'Refunded': {
      const { data } = orderEvent;
      order.refunded += data.amount.amount;
      order.otherRefunded += data.other.amount;
      let returnedUnits = 0;
      for (const refund of data.lines) {
        const line = order.lines.find((candidate) => candidate.lineId === refund.lineId);
        if (line !== undefined && refund.restock === 'cancel') line.cancelled += refund.quantity;
        if (refund.restock === 'return') returnedUnits += refund.quantity;
      }
      order.refunds.push({ at, reason: data.reason, amount: data.amount.amount, returnedUnits });
      if (order.status !== 'cancelled' && order.lines.every((line) => line.cancelled === line.quantity)) {
        moveTo(order, 'cancelled', at);
      } else if (
        (order.status === 'received' || order.status === 'preparing') &&
        order.lines.every((line) => line.quantity - line.fulfilled - line.cancelled === 0)
      ) {
        moveTo(order, 'done', at);
      }
      break;
    }
    case 'NeverArrivedClaimed':
      order.openClaims += 1;
      order.claimed = true;
      break;
    case 'NeverArrivedSettled':
      order.openClaims = Math.max(0, order.openClaims - 1);
      break;
    default:
      break;
  }
  return state;
}

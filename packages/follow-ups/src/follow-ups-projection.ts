import { buyerChangeOf, type OrderEvent, type Projection, type RecordedEvent } from '@order-ledger/core';
import { type FollowUpLine, type FollowUpsState, initialFollowUpsState } from './follow-ups-state';

/** Folds one order event into the schedule's state, in place. */
export function evolveFollowUps(state: FollowUpsState, recorded: RecordedEvent): FollowUpsState {
  const event = recorded as RecordedEvent<OrderEvent>;
  const orderId = recorded.streamId.slice('order-'.length);
  if (event.type === 'OrderPlaced') {
    const lines: Record<string, FollowUpLine> = {};
    for (const line of event.data.lines) {
      lines[line.lineId] = { sku: line.sku, kind: line.kind, quantity: line.quantity, refunded: 0, cancelled: 0 };
    }
    const { facts, change } = buyerChangeOf(undefined, event);
    if (facts === undefined) return state;
    state.orders.set(orderId, {
      orderId,
      customerId: event.data.customerId,
      placedAt: event.data.at,
      delivery: event.data.delivery.method,
      receivedAt: null,
      readyForPickupAt: null,
      cancelled: false,
      troubled: false,
      lines,
      buyer: facts,
      notes: change === undefined ? [] : [change],
    });
    return state;
  }
  const order = state.orders.get(orderId);
  if (order === undefined) return state;
  // Every event below may change the order in place: its row is written at the next save.
  state.orders.touch(orderId);
  const told = buyerChangeOf(order.buyer, event).change;
  if (told !== undefined) order.notes.push(told);
  switch (event.type) {
    case 'Delivered':
    case 'PickedUp':
      order.receivedAt ??= event.data.at;
      break;
    case 'DigitalDelivered':
      // A digital-only order is in the buyer's hands now, whatever delivery method it was placed
      // with (a shop may record one as for pickup); a mixed order waits for its parcel.
      if (Object.values(order.lines).every((line) => line.kind === 'digital')) order.receivedAt ??= event.data.at;
      break;
    case 'ReadyForPickup':
      order.readyForPickupAt ??= event.data.at;
      break;
    case 'OrderCancelled':
      order.cancelled = true;
      break;
    case 'Refunded':
      order.troubled = true;
      for (const refund of event.data.lines) {
        const line = order.lines[refund.lineId];
        if (line === undefined) continue;
        line.refunded += refund.quantity;
        if (refund.restock === 'cancel') line.cancelled += refund.quantity;
      }
      break;
    case 'ReturnReceived':
    case 'NeverArrivedClaimed':
      order.troubled = true;
      break;
    case 'OrderEdited':
      for (const change of event.data.changes) {
        const line = 'lineId' in change ? order.lines[change.lineId] : undefined;
        if (line === undefined) continue;
        if (change.kind === 'VariantSwapped') line.sku = change.sku;
        if (change.kind === 'QuantityChanged') line.quantity = change.quantity;
      }
      break;
    default:
      break;
  }
  return state;
}

export const followUps: Projection<FollowUpsState> = {
  name: 'follow-ups',
  // 2: lines carry their SKU and units; the order's SKUs are derived from them. 3: kept row by row.
  // 4: each order keeps the changes its buyer is told of (buyer notes).
  version: 4,
  eventTypes: [
    'OrderPlaced',
    'Paid',
    'Preparing',
    'Shipped',
    'Delivered',
    'PickedUp',
    'DigitalDelivered',
    'ReadyForPickup',
    'OrderCancelled',
    'Refunded',
    'ReturnReceived',
    'NeverArrivedClaimed',
    'OrderEdited',
  ],
  initialState: initialFollowUpsState,
  evolve: evolveFollowUps,
};

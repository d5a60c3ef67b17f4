import type { OrderEvent, Projection, RecordedEvent } from '@order-ledger/core';
import { type FollowUpsState, initialFollowUpsState } from './follow-ups-state';

/** Folds one order event into the schedule's state, in place. */
export function evolveFollowUps(state: FollowUpsState, recorded: RecordedEvent): FollowUpsState {
  const event = recorded as RecordedEvent<OrderEvent>;
  const orderId = recorded.streamId.slice('order-'.length);
  if (event.type === 'OrderPlaced') {
    const skus: Record<string, number> = {};
    const lines: Record<string, string> = {};
    for (const line of event.data.lines) {
      skus[line.sku] = (skus[line.sku] ?? 0) + line.quantity;
      lines[line.lineId] = line.sku;
    }
    state.orders[orderId] = {
      orderId,
      customerId: event.data.customerId,
      placedAt: event.data.at,
      delivery: event.data.delivery.method,
      receivedAt: null,
      readyForPickupAt: null,
      cancelled: false,
      troubled: false,
      skus,
      lines,
    };
    return state;
  }
  const order = state.orders[orderId];
  if (order === undefined) return state;
  switch (event.type) {
    case 'Delivered':
    case 'PickedUp':
      order.receivedAt ??= event.data.at;
      break;
    case 'DigitalDelivered':
      if (order.delivery === 'none') order.receivedAt ??= event.data.at;
      break;
    case 'ReadyForPickup':
      order.readyForPickupAt ??= event.data.at;
      break;
    case 'OrderCancelled':
      order.cancelled = true;
      break;
    case 'Refunded':
      order.troubled = true;
      for (const line of event.data.lines) {
        const sku = order.lines[line.lineId];
        if (sku !== undefined && line.quantity > 0)
          order.skus[sku] = Math.max(0, (order.skus[sku] ?? 0) - line.quantity);
      }
      break;
    case 'ReturnReceived':
    case 'NeverArrivedClaimed':
      order.troubled = true;
      break;
    case 'OrderEdited':
      for (const change of event.data.changes) {
        if (change.kind !== 'VariantSwapped') continue;
        const previous = order.lines[change.lineId];
        if (previous === undefined) continue;
        order.skus[change.sku] = (order.skus[change.sku] ?? 0) + (order.skus[previous] ?? 0);
        delete order.skus[previous];
        order.lines[change.lineId] = change.sku;
      }
      break;
    default:
      break;
  }
  return state;
}

export const followUps: Projection<FollowUpsState> = {
  name: 'follow-ups',
  version: 1,
  eventTypes: [
    'OrderPlaced',
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

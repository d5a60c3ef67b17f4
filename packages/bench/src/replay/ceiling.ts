import type { RecordedEvent } from '@order-ledger/core';

/**
 * The ceiling: the board's statuses and the stock's counts folded into plain Maps by a loop
 * written for this one job, with nothing a library adds (no checkpoints, no skipping seen
 * events, no money, no history). Ours is measured against it.
 */
export function ceilingLoop(events: Iterable<RecordedEvent>): { orders: number; skus: number } {
  const status = new Map<string, string>();
  const onHand = new Map<string, number>();
  const committed = new Map<string, number>();
  for (const event of events) {
    switch (event.type) {
      case 'OrderPlaced':
        status.set(event.streamId, 'received');
        break;
      case 'Preparing':
        status.set(event.streamId, 'preparing');
        break;
      case 'ReadyForPickup':
        status.set(event.streamId, 'ready_for_pickup');
        break;
      case 'Shipped':
        status.set(event.streamId, 'shipped');
        break;
      case 'Delivered':
      case 'PickedUp':
        status.set(event.streamId, 'done');
        break;
      case 'OrderCancelled':
        status.set(event.streamId, 'cancelled');
        break;
      case 'StockAdjusted':
        onHand.set(event.data.sku, (onHand.get(event.data.sku) ?? 0) + event.data.delta);
        break;
      case 'StockCommitted':
        committed.set(event.data.sku, (committed.get(event.data.sku) ?? 0) + event.data.quantity);
        break;
      case 'StockReleased':
        committed.set(event.data.sku, (committed.get(event.data.sku) ?? 0) - event.data.quantity);
        break;
      case 'StockShippedOut':
        onHand.set(event.data.sku, (onHand.get(event.data.sku) ?? 0) - event.data.quantity);
        committed.set(event.data.sku, (committed.get(event.data.sku) ?? 0) - event.data.quantity);
        break;
      case 'StockReturned':
        onHand.set(event.data.sku, (onHand.get(event.data.sku) ?? 0) + event.data.quantity);
        break;
      default:
        break;
    }
  }
  return { orders: status.size, skus: onHand.size };
}

import type { NewEvent } from '@order-ledger/core';

let counter = 0;

/** A valid stock event with a fresh id: the smallest thing a store must accept. */
export function stockAdjusted(sku = 'MUG', delta = 1, eventId = `evt-${process.pid}-${++counter}`): NewEvent {
  return {
    eventId,
    type: 'StockAdjusted',
    data: { at: '2026-03-02T09:00:00Z', sku, delta, reason: 'received' },
  };
}

export function batch(size: number, sku = 'MUG'): NewEvent[] {
  return Array.from({ length: size }, () => stockAdjusted(sku));
}

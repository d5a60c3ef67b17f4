import type { LedgerEvent, NewEvent } from '@order-ledger/core';

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

/** A valid order with one line and a shipping address: nested objects and an array to hide things in. */
export function orderPlaced(orderId: string): NewEvent<Extract<LedgerEvent, { type: 'OrderPlaced' }>> {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  return {
    eventId: `evt-${process.pid}-${++counter}`,
    type: 'OrderPlaced',
    data: {
      at: '2026-03-02T09:00:00Z',
      orderId,
      customerId: 'ada',
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku: 'MUG', quantity: 2, unitPrice: eur(1800), kind: 'physical' }],
      shipping: eur(500),
      tax: eur(0),
      discount: eur(0),
      delivery: { method: 'ship', address: { line1: '1 Quay St', city: 'Cork', country: 'IE' } },
    },
  };
}

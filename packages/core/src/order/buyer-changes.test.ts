import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../catalogue/order-events';
import { buyerChangeOf, buyerJourney } from './buyer-changes';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00Z`;

function placed(options: { payAtPickup?: boolean; price?: number } = {}): OrderEvent {
  return {
    type: 'OrderPlaced',
    data: {
      at: at(2),
      orderId: 'o1',
      customerId: 'ada',
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku: 'MUG', quantity: 2, unitPrice: eur(options.price ?? 1000), kind: 'physical' }],
      shipping: eur(500),
      tax: eur(0),
      discount: eur(0),
      delivery: { method: options.payAtPickup === true ? 'pickup' : 'ship' },
      ...(options.payAtPickup === true ? { payAtPickup: true } : {}),
    },
  };
}

const paid = (day: number, amount: number): OrderEvent => ({
  type: 'Paid',
  data: { at: at(day), paymentId: `p${day}`, amount: eur(amount), method: 'card' },
});

const changes = (events: readonly OrderEvent[]) => buyerJourney(events).changes;

describe('buyer-visible changes', () => {
  it('tells a shipped order once it is fully paid, not at each part payment, then each step and each refund', () => {
    const told = changes([
      placed(),
      paid(2, 1000),
      paid(3, 1500),
      { type: 'Preparing', data: { at: at(4) } },
      { type: 'Shipped', data: { at: at(5), carrier: 'CTT', trackingNumber: 'RR1' } },
      { type: 'Delivered', data: { at: at(7) } },
      {
        type: 'Refunded',
        data: {
          at: at(8),
          refundId: 'r1',
          reason: 'damaged',
          lines: [],
          shipping: eur(500),
          other: eur(0),
          amount: eur(500),
        },
      },
    ]);
    expect(told).toEqual([
      { kind: 'confirmed', at: at(3) },
      { kind: 'preparing', at: at(4) },
      { kind: 'shipped', at: at(5), carrier: 'CTT', trackingNumber: 'RR1' },
      { kind: 'delivered', at: at(7) },
      { kind: 'refunded', at: at(8), refund: 1, amount: eur(500) },
    ]);
  });

  it('confirms a pay-at-pickup order when it is placed, and tells ready and picked up', () => {
    const told = changes([
      placed({ payAtPickup: true }),
      { type: 'ReadyForPickup', data: { at: at(3), pickupLocation: 'Rua 1' } },
      paid(4, 2500),
      { type: 'PickedUp', data: { at: at(4) } },
    ]);
    expect(told.map((change) => change.kind)).toEqual(['confirmed', 'ready-for-pickup', 'picked-up']);
    expect(told[1]).toEqual({ kind: 'ready-for-pickup', at: at(3), pickupLocation: 'Rua 1' });
  });

  it('confirms an unpaid order whose edit brings the total down to what was paid', () => {
    const told = changes([
      placed(),
      paid(2, 2000),
      {
        type: 'OrderEdited',
        data: { at: at(3), changes: [{ kind: 'QuantityChanged', lineId: 'l1', quantity: 1 }], total: eur(1500) },
      },
    ]);
    expect(told).toEqual([{ kind: 'confirmed', at: at(3) }]);
  });

  it('ignores events of an order it never saw placed', () => {
    expect(buyerChangeOf(undefined, { type: 'Preparing', data: { at: at(2) } })).toEqual({
      facts: undefined,
      change: undefined,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../catalogue/order-events';
import { evolveOrder } from './evolve-order';
import { refuseImpossibleOrderEvent } from './order-history-check';
import { initialOrderState, type OrderState } from './order-state';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: {
    at: '2026-03-02T09:00:00Z',
    orderId: 'o1',
    customerId: 'ada',
    currency: 'EUR',
    lines: [{ lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' }],
    shipping: eur(0),
    tax: eur(0),
    discount: eur(0),
    delivery: { method: 'pickup' },
  },
};
const paid: OrderEvent = {
  type: 'Paid',
  data: { at: '2026-03-02T09:05:00Z', paymentId: 'p1', amount: eur(1800), method: 'card' },
};

/** Checks and folds a history, as an import does; the refusal's message, or undefined. */
function refusalOf(events: readonly OrderEvent[]): string | undefined {
  let state: OrderState = initialOrderState();
  try {
    for (const event of events) {
      refuseImpossibleOrderEvent(state, event, 'o1');
      state = evolveOrder(state, event);
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('a recorded order history, held to the decider’s rules', () => {
  it('passes a history the ledger could have written', () => {
    expect(refusalOf([placed, paid, { type: 'PickedUp', data: { at: '2026-03-03T10:00:00Z' } }])).toBeUndefined();
  });

  it('refuses a payment recorded twice, a refund beyond what was paid, and a step on a cancelled order', () => {
    expect(refusalOf([placed, paid, paid])).toMatch(/^order o1: Paid at .* records again what an earlier event/);
    const refund = (amount: number): OrderEvent => ({
      type: 'Refunded',
      data: {
        at: '2026-03-04T09:00:00Z',
        refundId: `r${amount}`,
        reason: 'other',
        lines: [],
        shipping: eur(0),
        other: eur(amount),
        amount: eur(amount),
      },
    });
    expect(refusalOf([placed, paid, refund(1000), refund(900)])).toBe(
      'order o1: a refund of EUR 9.00 is more than the EUR 8.00 captured and not yet refunded',
    );
    const cancelled: OrderEvent = { type: 'OrderCancelled', data: { at: '2026-03-02T10:00:00Z', reason: 'customer' } };
    expect(refusalOf([placed, cancelled, { type: 'Preparing', data: { at: '2026-03-03T09:00:00Z' } }])).toMatch(
      /^order o1: is cancelled/,
    );
  });
});

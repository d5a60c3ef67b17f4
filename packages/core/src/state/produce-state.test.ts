import { afterEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../catalogue/order-events';
import type { StockEvent } from '../catalogue/stock-events';
import { fold } from '../decider';
import type { OrderCommand } from '../order/order-commands';
import { orderDecider } from '../order/order-decider';
import type { OrderState } from '../order/order-state';
import { stockDecider } from '../stock/stock-decider';
import type { StockState } from '../stock/stock-state';
import { freezeAggregateStates } from './produce-state';

const at = '2026-03-02T09:00:00Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const history: OrderEvent[] = [
  {
    type: 'OrderPlaced',
    data: {
      at,
      orderId: 'o1',
      customerId: 'ada',
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku: 'MUG', quantity: 2, unitPrice: eur(1800), kind: 'physical' }],
      shipping: eur(0),
      tax: eur(0),
      discount: eur(0),
      delivery: { method: 'pickup' },
    },
  },
  { type: 'Paid', data: { at, paymentId: 'p1', amount: eur(3600), method: 'card' } },
];
const stockHistory: StockEvent[] = [
  { type: 'StockAdjusted', data: { at, sku: 'MUG', delta: 5, reason: 'received' } },
  { type: 'StockCommitted', data: { at, sku: 'MUG', orderId: 'o1', lineId: 'l1', quantity: 2 } },
];
const pickUp: OrderCommand = { type: 'MarkPickedUp', orderId: 'o1', at };

/** A decider with a bug: it writes what it means to decide into the state it was handed. */
function carelessDecide(state: OrderState): readonly OrderEvent[] {
  (state.lines[0] as { fulfilled: number }).fulfilled = 2;
  return orderDecider().decide(pickUp, state);
}

afterEach(() => freezeAggregateStates(true));

describe('order and stock states are immutable', () => {
  it('a decider that writes to the order state it was handed throws in tests, and the state is unchanged', () => {
    const state = fold(orderDecider(), history);
    expect(() => carelessDecide(state)).toThrow(TypeError);
    expect(state.lines[0]?.fulfilled).toBe(0);
    expect(() => {
      (state.paymentIds as string[]).push('p2');
    }).toThrow(TypeError);
  });

  it('so does one that writes to a stock state: its commitments, its counts', () => {
    const state = fold(stockDecider(), stockHistory);
    expect(() => {
      (state.commitments as Record<string, number>)['o2/l1'] = 1;
    }).toThrow(TypeError);
    expect(() => {
      (state as { onHand: number }).onHand = 0;
    }).toThrow(TypeError);
    expect(state).toMatchObject({ onHand: 5, committed: 2, commitments: { 'o1/l1': 2 } });
  });

  it('with freezing off (the default, for speed) the same bug goes through silently: why tests turn it on', () => {
    freezeAggregateStates(false);
    const state = fold(orderDecider(), history);
    expect(() => carelessDecide(state)).not.toThrow();
    expect(state.lines[0]?.fulfilled).toBe(2);
  });

  it('folding never changes the state it was given, frozen or not, and shares what did not change', () => {
    for (const frozen of [true, false]) {
      freezeAggregateStates(frozen);
      const before = fold(stockDecider(), stockHistory);
      const copy: StockState = JSON.parse(JSON.stringify(before));
      const after = stockDecider().evolve(before, {
        type: 'StockAdjusted',
        data: { at, sku: 'MUG', delta: 1, reason: 'received' },
      });
      expect(before).toEqual(copy);
      expect(after.onHand).toBe(6);
      expect(after.commitments).toBe(before.commitments);
    }
  });
});

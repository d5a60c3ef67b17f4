import { describe, expect, it } from 'vitest';
import type { StockEvent } from '../catalogue/stock-events';
import { fold } from '../decider';
import { evolveStock } from './evolve-stock';
import { stockFoldVersion, stockSnapshotFold } from './stock-fold';
import { initialStockState, type StockState } from './stock-state';

const at = '2026-03-02T09:00:00Z';
const committed = (orderId: string, quantity: number): StockEvent => ({
  type: 'StockCommitted',
  data: { at, sku: 'MUG', orderId, lineId: 'l1', quantity },
});
const shipped = (orderId: string, quantity: number): StockEvent => ({
  type: 'StockShippedOut',
  data: { at, sku: 'MUG', orderId, lineId: 'l1', quantity },
});

describe('the stock fold as a snapshot', () => {
  it('reads back exactly what it saved, through JSON', () => {
    const state = fold(stockSnapshotFold, [
      { type: 'StockAdjusted', data: { at, sku: 'MUG', delta: 5, reason: 'received' } },
      committed('o1', 2),
      { type: 'StockAdjusted', data: { at, sku: 'MUG', delta: 0, reason: 'recount', counted: 5 } },
    ]);
    expect(stockSnapshotFold.restore(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('refuses a saved state of the wrong shape, or one the fold could never make', () => {
    const good = fold(stockSnapshotFold, [committed('o1', 2)]);
    for (const bad of [
      undefined,
      null,
      'text',
      { ...good, onHand: '5' },
      { ...good, commitments: { 'o1/l1': 1.5 } },
      { ...good, extra: 1 },
      { ...good, available: good.available + 1 },
    ]) {
      expect(stockSnapshotFold.restore(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('changes version when the fold makes another state of the same events, even if nobody bumped it', () => {
    const forgetsReturns = (state: StockState, event: StockEvent) =>
      event.type === 'StockReturned' ? state : evolveStock(state, event);
    expect(stockFoldVersion(1, evolveStock)).toBe(stockSnapshotFold.version);
    expect(stockFoldVersion(1, forgetsReturns)).not.toBe(stockSnapshotFold.version);
    expect(stockFoldVersion(2, evolveStock)).not.toBe(stockSnapshotFold.version);
  });

  it('does not grow with settled orders: a line drops out of the commitments once shipped or released', () => {
    const one = fold(stockSnapshotFold, [committed('o0', 1), shipped('o0', 1)]);
    const events = Array.from({ length: 2_000 }, (_, index) => [
      committed(`o${index}`, 2),
      index % 2 === 0
        ? shipped(`o${index}`, 2)
        : ({
            type: 'StockReleased',
            data: { at, sku: 'MUG', orderId: `o${index}`, lineId: 'l1', quantity: 2, cause: 'cancelled' },
          } as const),
    ]).flat();
    const many = fold(stockSnapshotFold, events);
    expect(many.commitments).toEqual({});
    expect(JSON.stringify(many).length).toBeLessThanOrEqual(JSON.stringify(one).length + 10);
    expect(initialStockState().commitments).toEqual({});
  });
});

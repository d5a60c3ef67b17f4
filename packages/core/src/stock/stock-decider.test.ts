import { describe, expect, it } from 'vitest';
import type { StockEvent } from '../catalogue/stock-events';
import { fold } from '../decider';
import { deciderSpecification } from '../testing/decider-specification';
import { stockDecider } from './stock-decider';

const at = '2026-03-02T09:00:00Z';
const received: StockEvent = { type: 'StockAdjusted', data: { at, sku: 'MUG', delta: 5, reason: 'received' } };
const committed: StockEvent = {
  type: 'StockCommitted',
  data: { at, sku: 'MUG', orderId: 'o1', lineId: 'l1', quantity: 2 },
};
const spec = deciderSpecification(stockDecider());

describe('stock per SKU', () => {
  it('counts on hand, committed and available', () => {
    const shipped: StockEvent = {
      type: 'StockShippedOut',
      data: { at, sku: 'MUG', orderId: 'o1', lineId: 'l1', quantity: 2 },
    };
    expect(fold(stockDecider(), [received, committed])).toMatchObject({ onHand: 5, committed: 2, available: 3 });
    expect(fold(stockDecider(), [received, committed, shipped])).toMatchObject({
      onHand: 3,
      committed: 0,
      available: 3,
      shippedOut: 2,
      commitments: {},
    });
  });

  it('refuses overselling, unless backorders are allowed', () => {
    const commit = { type: 'CommitStock', sku: 'MUG', at, orderId: 'o2', lineId: 'l1', quantity: 4 } as const;
    spec.given([received, committed]).when(commit).thenThrows('OUT_OF_STOCK');
    deciderSpecification(stockDecider({ allowBackorders: true }))
      .given([received, committed])
      .when(commit)
      .thenState((state) => expect(state.available).toBe(-1));
  });

  it('refuses releasing or shipping units an order line never had promised', () => {
    spec
      .given([received, committed])
      .when({ type: 'ReleaseStock', sku: 'MUG', at, orderId: 'o1', lineId: 'l1', quantity: 3, cause: 'cancelled' })
      .thenThrows('STOCK_NOT_COMMITTED');
    spec
      .given([received])
      .when({ type: 'ShipOutStock', sku: 'MUG', at, orderId: 'o9', lineId: 'l1', quantity: 1 })
      .thenThrows('STOCK_NOT_COMMITTED');
  });

  it('records adjustments with reasons, and refuses taking away units that are not there', () => {
    spec
      .given([received])
      .when({ type: 'AdjustStock', sku: 'MUG', at, delta: -1, reason: 'breakage', note: 'dropped' })
      .thenYields([
        { type: 'StockAdjusted', data: { at, sku: 'MUG', delta: -1, reason: 'breakage', note: 'dropped' } },
      ]);
    spec
      .given([received])
      .when({ type: 'AdjustStock', sku: 'MUG', at, delta: -6, reason: 'in_person_sale' })
      .thenThrows('STOCK_NEGATIVE');
  });

  it('turns a recount into the difference from what the ledger expected, and records a matching count too', () => {
    spec
      .given([received])
      .when({ type: 'RecountStock', sku: 'MUG', at, counted: 3 })
      .thenYields([{ type: 'StockAdjusted', data: { at, sku: 'MUG', delta: -2, reason: 'recount', counted: 3 } }]);
    spec
      .given([received])
      .when({ type: 'RecountStock', sku: 'MUG', at: '2026-03-09T09:00:00Z', counted: 5 })
      .thenState((state) => expect(state).toMatchObject({ onHand: 5, lastCountedAt: '2026-03-09T09:00:00Z' }));
  });
});

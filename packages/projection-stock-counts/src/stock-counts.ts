import type { Projection, RecordedEvent, StockEvent } from '@order-ledger/core';
import { initialStockCountsState, type SkuCounts, type StockCountsState } from './stock-counts-state';

function countsOf(state: StockCountsState, sku: string): SkuCounts {
  let counts = state.skus.get(sku);
  if (counts !== undefined) state.skus.touch(sku);
  else {
    counts = {
      sku,
      onHand: 0,
      committed: 0,
      available: 0,
      received: 0,
      adjusted: 0,
      shippedOut: 0,
      returned: 0,
      lastCountedAt: null,
      adjustments: [],
    };
    state.skus.set(sku, counts);
  }
  return counts;
}

/** Folds one stock event into the counts, in place (and marks the SKU's row changed). */
export function evolveStockCounts(state: StockCountsState, recorded: RecordedEvent): StockCountsState {
  const event = recorded as RecordedEvent<StockEvent>;
  const counts = countsOf(state, event.data.sku);
  switch (event.type) {
    case 'StockAdjusted': {
      const { at, delta, reason, counted, note } = event.data;
      counts.onHand += delta;
      if (reason === 'received') counts.received += delta;
      else counts.adjusted += delta;
      if (reason === 'recount') counts.lastCountedAt = at;
      counts.adjustments.push({
        at,
        delta,
        reason,
        ...(counted === undefined ? {} : { counted }),
        ...(note === undefined ? {} : { note }),
      });
      break;
    }
    case 'StockCommitted':
      counts.committed += event.data.quantity;
      break;
    case 'StockReleased':
      counts.committed -= event.data.quantity;
      break;
    case 'StockShippedOut':
      counts.onHand -= event.data.quantity;
      counts.committed -= event.data.quantity;
      counts.shippedOut += event.data.quantity;
      break;
    case 'StockReturned':
      counts.onHand += event.data.quantity;
      counts.returned += event.data.quantity;
      break;
  }
  counts.available = counts.onHand - counts.committed;
  return state;
}

/** Stock counts per SKU as a projection. */
export const stockCounts: Projection<StockCountsState> = {
  name: 'stock-counts',
  version: 2,
  eventTypes: ['StockAdjusted', 'StockCommitted', 'StockReleased', 'StockShippedOut', 'StockReturned'],
  initialState: initialStockCountsState,
  evolve: evolveStockCounts,
};

import type { Draft } from 'immer';
import type { StockEvent } from '../catalogue/stock-events';
import { produceState } from '../state/produce-state';
import { commitmentKey, type StockState } from './stock-state';

/**
 * Units promised to one order line, changed by `change`. A line whose units have all shipped or
 * been released drops out: the state holds the open lines only, and does not grow with the
 * orders a SKU has served.
 */
function changeCommitment(draft: Draft<StockState>, key: string, change: number): void {
  const quantity = (draft.commitments[key] ?? 0) + change;
  if (quantity === 0) delete draft.commitments[key];
  else draft.commitments[key] = quantity;
}

/** Folds one stock event. Pure and total, like the order fold: `state` is never changed. */
export function evolveStock(state: StockState, event: StockEvent): StockState {
  return produceState(state, (draft) => {
    draft.sku = event.data.sku;
    applyStockEvent(draft, event);
    draft.available = draft.onHand - draft.committed;
  });
}

function applyStockEvent(draft: Draft<StockState>, event: StockEvent): void {
  switch (event.type) {
    case 'StockAdjusted': {
      const { delta, reason } = event.data;
      draft.onHand += delta;
      if (reason === 'received') draft.received += delta;
      else draft.adjusted += delta;
      if (reason === 'recount') draft.lastCountedAt = event.data.at;
      return;
    }
    case 'StockCommitted':
      draft.committed += event.data.quantity;
      changeCommitment(draft, commitmentKey(event.data.orderId, event.data.lineId), event.data.quantity);
      return;
    case 'StockReleased':
      draft.committed -= event.data.quantity;
      changeCommitment(draft, commitmentKey(event.data.orderId, event.data.lineId), -event.data.quantity);
      return;
    case 'StockShippedOut':
      draft.onHand -= event.data.quantity;
      draft.committed -= event.data.quantity;
      draft.shippedOut += event.data.quantity;
      changeCommitment(draft, commitmentKey(event.data.orderId, event.data.lineId), -event.data.quantity);
      return;
    case 'StockReturned':
      draft.onHand += event.data.quantity;
      draft.returned += event.data.quantity;
      return;
  }
}

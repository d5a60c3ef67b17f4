import type { StockEvent } from '../catalogue/stock-events';
import { commitmentKey, type StockState } from './stock-state';

function withCommitment(state: StockState, key: string, change: number): Readonly<Record<string, number>> {
  const next = { ...state.commitments };
  const quantity = (next[key] ?? 0) + change;
  if (quantity === 0) delete next[key];
  else next[key] = quantity;
  return next;
}

/** Folds one stock event. Pure and total, like the order fold. */
export function evolveStock(state: StockState, event: StockEvent): StockState {
  const next = applyStockEvent({ ...state, sku: event.data.sku }, event);
  return { ...next, available: next.onHand - next.committed };
}

function applyStockEvent(state: StockState, event: StockEvent): StockState {
  switch (event.type) {
    case 'StockAdjusted': {
      const { delta, reason } = event.data;
      return {
        ...state,
        onHand: state.onHand + delta,
        received: reason === 'received' ? state.received + delta : state.received,
        adjusted: reason === 'received' ? state.adjusted : state.adjusted + delta,
        lastCountedAt: reason === 'recount' ? event.data.at : state.lastCountedAt,
      };
    }
    case 'StockCommitted': {
      const key = commitmentKey(event.data.orderId, event.data.lineId);
      return {
        ...state,
        committed: state.committed + event.data.quantity,
        commitments: withCommitment(state, key, event.data.quantity),
      };
    }
    case 'StockReleased': {
      const key = commitmentKey(event.data.orderId, event.data.lineId);
      return {
        ...state,
        committed: state.committed - event.data.quantity,
        commitments: withCommitment(state, key, -event.data.quantity),
      };
    }
    case 'StockShippedOut': {
      const key = commitmentKey(event.data.orderId, event.data.lineId);
      return {
        ...state,
        onHand: state.onHand - event.data.quantity,
        committed: state.committed - event.data.quantity,
        shippedOut: state.shippedOut + event.data.quantity,
        commitments: withCommitment(state, key, -event.data.quantity),
      };
    }
    case 'StockReturned':
      return {
        ...state,
        onHand: state.onHand + event.data.quantity,
        returned: state.returned + event.data.quantity,
      };
  }
}

import { foldProjections, type RecordedEvent, slot } from '@order-ledger/core';
import { followUps } from '@order-ledger/follow-ups';
import { bestCustomers } from '@order-ledger/projection-best-customers';
import { customerTimeline } from '@order-ledger/projection-customer-timeline';
import { ordersBoard } from '@order-ledger/projection-orders-board';
import { stockCounts } from '@order-ledger/projection-stock-counts';

/** Every read model, folded from one pass over the history. */
export function foldReadModels(events: readonly RecordedEvent[]) {
  const board = slot(ordersBoard);
  const stock = slot(stockCounts);
  const timeline = slot(customerTimeline());
  const best = slot(bestCustomers);
  const follow = slot(followUps);
  foldProjections([board, stock, timeline, best, follow], events);
  return {
    board: board.current.state,
    stock: stock.current.state,
    timeline: timeline.current.state,
    best: best.current.state,
    followUps: follow.current.state,
  };
}

export type ReadModels = ReturnType<typeof foldReadModels>;

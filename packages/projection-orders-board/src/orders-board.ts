import type { Projection, RecordedEvent } from '@order-ledger/core';
import { pendingMoneyOf } from './board-queries';
import { type BoardState, evictionKey, evictionOf, initialBoardState } from './board-state';
import { evolveBoard } from './evolve-board';

export interface OrdersBoardOptions {
  /**
   * How long a settled order (done or cancelled, nothing owed, no open claim) stays on the board
   * before it is let go, in days of business time. The board is about what is in flight; letting
   * settled orders go keeps its memory flat however long the history (a 10-million-event replay
   * is measured in docs/benchmarks.md). Events that arrive later for a let-go order are ignored,
   * so keep it longer than the sweep looks back. Default 35; `Infinity` keeps everything.
   */
  readonly retainSettledDays?: number;
}

const dayMs = 86_400_000;

/** Events between passes that let settled orders go: often enough to keep memory flat, cheap per event. */
const evictEvery = 100_000;

/** Lets settled orders go whose settling is older than the retention, counted from `at`. */
export function evictSettled(state: BoardState, at: string, retainDays: number): void {
  const before = Date.parse(at) - retainDays * dayMs;
  let evicted = evictionOf(state).evicted;
  for (const [orderId, order] of state.orders) {
    const settled = (order.status === 'done' || order.status === 'cancelled') && order.openClaims === 0;
    if (settled && Date.parse(order.statusSince) < before && pendingMoneyOf(order) === undefined) {
      state.orders.delete(orderId);
      evicted += 1;
    }
  }
  state.eviction.set(evictionKey, { lastPassAt: at, evicted });
}

/** The orders board as a projection, with its retention. */
export function createOrdersBoard(options: OrdersBoardOptions = {}): Projection<BoardState> {
  const retainDays = options.retainSettledDays ?? 35;
  if (!Number.isFinite(retainDays)) return ordersBoard;
  let sincePass = 0;
  return {
    ...ordersBoard,
    evolve: (state: BoardState, event: RecordedEvent) => {
      evolveBoard(state, event);
      sincePass += 1;
      if (sincePass >= evictEvery) {
        sincePass = 0;
        evictSettled(state, (event.data as { at: string }).at, retainDays);
      }
      return state;
    },
  };
}

/**
 * The orders board as a projection that keeps every order it has seen: run it with
 * `ProjectionRunner`, or fold a history with `foldProjection`. For long-running boards use
 * `createOrdersBoard()`, which lets settled orders go.
 */
export const ordersBoard: Projection<BoardState> = {
  name: 'orders-board',
  // 3: each order keeps what its buyer was told (`buyer`), for silent orders.
  version: 3,
  eventTypes: [
    'OrderPlaced',
    'Paid',
    'Preparing',
    'ReadyForPickup',
    'Shipped',
    'Delivered',
    'PickedUp',
    'DigitalDelivered',
    'OrderEdited',
    'OrderCancelled',
    'Refunded',
    'NeverArrivedClaimed',
    'NeverArrivedSettled',
  ],
  initialState: initialBoardState,
  evolve: evolveBoard,
};

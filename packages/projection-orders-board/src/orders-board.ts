import type { Projection } from '@order-ledger/core';
import { type BoardState, initialBoardState } from './board-state';
import { evolveBoard } from './evolve-board';

/** The orders board as a projection: run it with `ProjectionRunner`, or fold a history with `foldProjection`. */
export const ordersBoard: Projection<BoardState> = {
  name: 'orders-board',
  version: 1,
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

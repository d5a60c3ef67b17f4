/**
 * @order-ledger/projection-orders-board: everything in flight, by status and age; promised dates
 * from the store's rhythm; stuck orders; pending money.
 */
export {
  type BoardRow,
  type BoardView,
  boardView,
  hoursInStatus,
  moneyPending,
  type PendingMoney,
  pendingMoneyOf,
} from './board-queries';
export type { BoardEviction, BoardLine, BoardOrder, BoardRefund, BoardState, StatusChange } from './board-state';
export { evictionOf, initialBoardState } from './board-state';
export { evolveBoard } from './evolve-board';
export { loadOpenBoard } from './open-board';
export { createOrdersBoard, evictSettled, type OrdersBoardOptions, ordersBoard } from './orders-board';
export { type SilentOrder, silentOrder } from './silent-orders';
export {
  businessDaysAfter,
  daysAfter,
  defaultStoreRhythm,
  promisedBy,
  type StoreRhythm,
  storeRhythm,
} from './store-rhythm';
export { promiseOf, type StuckReason, statusAt, stuckReasons } from './stuck-rules';

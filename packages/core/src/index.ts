/**
 * @order-ledger/core: the ledger itself. No I/O, no clock, no driver.
 *
 * Money, the event catalogue, the order and stock deciders, the EventStore contract with an
 * in-memory store, and the command handling that keeps orders and stock consistent.
 */

export * from './analytics/index';
export * from './catalogue/index';
export { eventsOfCommandIn } from './command/command-events';
export { CommandIdReusedError, commandFingerprint } from './command/command-fingerprint';
export { eventIdFor, newCommandId } from './command/command-ids';
export { type CommandResult, type HandleCommandOptions, handleCommand } from './command/handle-command';
export { type RetryOptions, retryOnConflict } from './command/retry-on-conflict';
export { type Decider, fold } from './decider';
export { hasErrorCode, LedgerError } from './errors/ledger-error';
export {
  assertDistinctStreams,
  assertExpectedRevision,
  type CheckedEvent,
  type CheckOptions,
  checkAppend,
  matchRetriedAppend,
  NO_STREAM_REVISION,
} from './event-store/append-checks';
export {
  assertCheckpointExpected,
  CheckpointConflictError,
  type CheckpointStore,
  type ProjectionCheckpoint,
  type SaveCheckpointOptions,
} from './event-store/checkpoints';
export {
  ConcurrencyError,
  DuplicateEventIdError,
  type InputFault,
  InvalidAppendError,
  InvalidReadError,
  StoreCannotOpenError,
  StoreClosedError,
  StoreNotFoundError,
  StoreReadOnlyError,
  StreamRevisionMismatchError,
  UnsupportedOperationError,
} from './event-store/errors';
export type { EventStore } from './event-store/event-store';
export { type FoldedStream, foldRecorded } from './event-store/fold-stream';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './event-store/in-memory-event-store';
export { type CheckpointCells, InMemoryReadModelTables } from './event-store/in-memory-read-model-tables';
export { inputLimits } from './event-store/input-limits';
export { assertReadStream } from './event-store/read-checks';
export { readEverything } from './event-store/read-everything';
export type {
  KeptReadModelStatus,
  KeptRowDelete,
  KeptRowFilter,
  KeptRowWrite,
  ReadModelCommit,
  ReadModelTables,
} from './event-store/read-model-tables';
export type { SnapshotRead, SnapshotStore, StreamSnapshot } from './event-store/snapshots';
export { loadSnapshotted, type SnapshotFold } from './event-store/snapshotted-fold';
export { type ReadValidation, storedEventData } from './event-store/stored-events';
export { orderStreamId, type StreamKind, stockStreamId, streamKindOf } from './event-store/stream-ids';
export {
  type AppendResult,
  type EventMetadata,
  type ExpectedRevision,
  type FollowMessage,
  type FollowOptions,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  START,
  type StoreCapabilities,
  type StreamRevision,
  type StreamWrite,
} from './event-store/types';
export { type AppendSignal, nextAppendOrPoll } from './event-store/wait-for-append';
export * from './import/index';
export {
  decideLedgerCommand,
  decideStockMovements,
  type LedgerDecision,
  type LedgerPlan,
  planLedgerCommand,
} from './ledger/decide-ledger-command';
export {
  defaultLedgerPolicy,
  isStockCommand,
  type LedgerCommand,
  type LedgerPolicy,
  ledgerPolicy,
} from './ledger/ledger-command';
export { CommandValidationError, type LedgerCommandType, parseLedgerCommand } from './ledger/ledger-command-schema';
export { LedgerModel, type ModelEvent } from './ledger/ledger-model';
export { type ExecuteOptions, type LedgerResult, OrderLedger, type OrderLedgerOptions } from './ledger/order-ledger';
export {
  completeFollowThrough,
  findLedgerGaps,
  type LedgerGaps,
  ledgerGapsIn,
  type MissingStockMovements,
  type OrphanedReservation,
  type ReconcileOptions,
  type ReconcileReport,
  type RefusedMovement,
  reconcileLedger,
} from './ledger/reconcile-ledger';
export { CommandIncompleteError, releaseReservations, reserveThenRecord } from './ledger/reserve-then-record';
export * from './money/index';
export {
  type BuyerChange,
  type BuyerChangeKind,
  type BuyerFacts,
  buyerChangeOf,
  buyerJourney,
} from './order/buyer-changes';
export { deriveFulfilmentStatus, derivePaymentStatus, evolveOrder } from './order/evolve-order';
export type * from './order/order-commands';
export { decideOrder, type OrderDecider, orderDecider } from './order/order-decider';
export { type OrderRefusalCode, OrderRefusedError } from './order/order-errors';
export { defaultOrderPolicy, type OrderPolicy, orderPolicy } from './order/order-policy';
export {
  amountDue,
  type ClaimState,
  type FulfilmentStatus,
  hasFulfilment,
  initialOrderState,
  isDigitalOnly,
  type LineState,
  netPaid,
  type OrderState,
  type OrderStatus,
  type OrderSums,
  openUnits,
  orderBalance,
  orderStatusRank,
  type PaymentStatus,
  refundOwed,
  unitsOut,
} from './order/order-state';
export { fulfilmentStatusWords, orderStatusWords, paymentStatusWords } from './order/order-status-words';
export { lineGross, orderTotal } from './order/order-totals';
export { type AllocatedRefund, allocateRefund } from './order/refund-allocation';
export * from './projection/index';
export { seededRandom } from './random';
export { freezeAggregateStates } from './state/produce-state';
export { evolveStock } from './stock/evolve-stock';
export type * from './stock/stock-commands';
export { decideStock, type StockDecider, stockDecider } from './stock/stock-decider';
export { OutOfStockError, type StockRefusalCode, StockRefusedError } from './stock/stock-errors';
export { stockSnapshotFold } from './stock/stock-fold';
export { stockMovementsFor } from './stock/stock-movements';
export { defaultStockPolicy, type StockPolicy } from './stock/stock-policy';
export { commitmentKey, initialStockState, type StockState } from './stock/stock-state';

/**
 * @order-ledger/store-eventstoredb: the order ledger on EventStoreDB (KurrentDB) through
 * `@eventstore/db-client`, behind the driver types in `driver.ts`.
 */
export { DbClientDriver } from './db-client-driver';
export type {
  EsdbAppendResult,
  EsdbDriver,
  EsdbErrorKind,
  EsdbEventRead,
  EsdbEventToWrite,
  EsdbExpectedRevision,
  EsdbPosition,
  EsdbStreamMetadata,
  EsdbSubscription,
  EsdbSubscriptionMessage,
} from './driver';
export { EsdbDriverError, isTransient } from './driver';
export { StoreUnavailableError, StreamDeletedError } from './errors';
export { esdbEventId } from './event-ids';
export {
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
  type ResubscribeOptions,
} from './eventstoredb-event-store';

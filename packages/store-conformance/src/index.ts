/**
 * @order-ledger/store-conformance: the one suite every event store passes.
 */
export { stockAdjusted } from './fixtures';
export type { StoreHarness } from './harness';
export { followUntil, labels, readAllEvents } from './read-helpers';
export { runStoreConformance } from './run-store-conformance';
export { withStore } from './with-store';

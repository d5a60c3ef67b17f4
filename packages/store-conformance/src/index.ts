/**
 * @order-ledger/store-conformance: the one suite every event store passes.
 */
export { stockAdjusted } from './fixtures';
export type { StoreHarness } from './harness';
export { type KillTestOptions, killWriterAndCheck } from './kill-test';
export { runKillWriter, writerBatch } from './kill-writer';
export { followUntil, labels, readAllEvents } from './read-helpers';
export { runStoreConformance } from './run-store-conformance';
export { withStore } from './with-store';

/**
 * @order-ledger/store-conformance: the one suite every event store passes.
 */
export { type ChildStoreRecipe, defaultChildNodeArgs, type JsonValue } from './child-store';
export { stockAdjusted } from './fixtures';
export type { StoreHarness } from './harness';
export { type KillTestOptions, killWriterAndCheck } from './kill-test';
export { runKillWriter, writerBatch } from './kill-writer';
export type { RaceJob, RaceOutcome, RaceStep, StepOutcome } from './race-protocol';
export { type RaceOptions, runRaceWorkers } from './race-workers';
export { followUntil, labels, readAllEvents } from './read-helpers';
export { runStoreConformance } from './run-store-conformance';
export { withStore } from './with-store';

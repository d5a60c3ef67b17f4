import type { EventStore } from '@order-ledger/core';
import { appendAndReadSuite } from './append-and-read.suite';
import { checkpointsSuite } from './checkpoints.suite';
import { concurrencySuite } from './concurrency.suite';
import { crossProcessSuite } from './cross-process.suite';
import { expectedRevisionSuite } from './expected-revision.suite';
import { globalOrderSuite } from './global-order.suite';
import type { StoreHarness } from './harness';
import { importSuite } from './import.suite';
import { inputSuite } from './input.suite';
import { inputLimitsSuite } from './input-limits.suite';
import { ledgerSuite } from './ledger.suite';
import { projectionRunnerSuite } from './projection-runner.suite';
import { readModelTablesSuite } from './read-model-tables.suite';
import { snapshotsSuite } from './snapshots.suite';
import { validatedValueSuite } from './validated-value.suite';

/**
 * Registers the whole EventStore contract as vitest tests against the harness's stores. Call it
 * at the top level of a test file:
 *
 * ```ts
 * runStoreConformance({ name: 'sqlite', create: async () => SqliteEventStore.open(tempFile()) });
 * ```
 *
 * A store that passes can be trusted by everything built on the contract: the ledger, the
 * projections, the CLI. Third-party stores are welcome to run it.
 */
export function runStoreConformance<S extends EventStore>(harness: StoreHarness<S>): void {
  const widened = harness as unknown as StoreHarness;
  appendAndReadSuite(widened);
  expectedRevisionSuite(widened);
  globalOrderSuite(widened);
  concurrencySuite(widened);
  inputSuite(widened);
  inputLimitsSuite(widened);
  validatedValueSuite(widened);
  importSuite(widened);
  checkpointsSuite(widened);
  ledgerSuite(widened);
  snapshotsSuite(widened);
  projectionRunnerSuite(widened);
  readModelTablesSuite(widened);
  crossProcessSuite(widened);
}

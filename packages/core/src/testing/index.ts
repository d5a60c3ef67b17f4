/**
 * @order-ledger/core/testing: helpers for testing code built on the ledger.
 * Kept off the main entry so production bundles never carry fast-check or node:assert.
 *
 * Needs fast-check, an optional peer dependency of @order-ledger/core: a project using this entry
 * installs it beside core (`npm install --save-dev fast-check`).
 */

export { seededRandom } from '../random';
export { buildWorkload, createFold, type PlacedEvent, type Workload } from './bench-workload';
export {
  type FixtureProduct,
  fixtureAddress,
  fixtureCurrency,
  fixtureCustomers,
  fixtureProducts,
} from './catalogue-fixture';
export { type DeciderOutcome, deciderSpecification } from './decider-specification';
export {
  type ExecuteFlatness,
  type ExecuteFlatnessOptions,
  type FlatnessSide,
  formatExecuteFlatness,
  type HistoryAppend,
  type HistoryRow,
  historyRows,
  measureExecuteFlatness,
} from './execute-flatness';
export {
  type LedgerScenario,
  type LedgerScenarioOptions,
  ledgerPolicyArbitrary,
  ledgerScenarioArbitrary,
} from './ledger-arbitraries';
export {
  type Comparison,
  compare,
  compareInterleaved,
  comparisonHeader,
  formatComparison,
  median,
  type SteppedRun,
  timed,
} from './measure';
export { LedgerOracle, type OracleOutcome, type OraclePolicy } from './oracle/ledger-oracle';
export { ledgerPolicyOf, OracleDisagreement, runAgainstOracle } from './oracle/run-against-oracle';
export { type ShopHistory, type ShopHistoryOptions, shopHistoryArbitrary } from './oracle/shop-history-arbitrary';
export {
  foldKeptInPieces,
  interleavingChoices,
  reinterleave,
  replayVariants,
  withDuplicate,
} from './reinterleave';
export { readEverything, runScenario, type ScenarioRun, type ScenarioStep } from './run-scenario';
export { type SyntheticAppend, type SyntheticHistory, syntheticHistory } from './synthetic-history';

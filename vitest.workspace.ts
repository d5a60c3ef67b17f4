/**
 * The one list of test projects: every package and example is a project.
 *
 * Vitest 4 no longer reads a workspace file on its own, so `vitest.config.ts` imports this list
 * into `test.projects`. Add a package here when you add it to `packages/` or `examples/`.
 */
export const testProjects = [
  'packages/core',
  'packages/store-conformance',
  'packages/store-sqlite',
  'packages/store-postgres',
  'packages/store-jsonl',
  'packages/store-eventstoredb',
  'packages/projection-orders-board',
  'packages/projection-stock-counts',
  'packages/projection-customer-timeline',
  'packages/projection-best-customers',
  'packages/customer-value',
  'packages/follow-ups',
  'packages/outbox',
  'packages/weekly-sweep',
  'packages/cli',
  'packages/bench',
  'examples/quickstart',
  'examples/shop-api',
  'examples/orders-board-web',
] as const;

import { packageBuild } from '../../tsup.package';

export default packageBuild({
  // The race worker is a program the suite starts in child processes, built beside the index.
  entry: { index: 'src/index.ts', 'race-worker': 'src/race-worker.ts' },
  // ESM only: the suite is made of vitest's `describe` and `it`, and vitest cannot be loaded
  // through `require`, so a CommonJS build would only fail on its first line.
  format: ['esm'],
});

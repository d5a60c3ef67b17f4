import { packageBuild } from '../../tsup.package';

export default packageBuild({
  // The race worker is a program the suite starts in child processes, built beside the index.
  entry: { index: 'src/index.ts', 'race-worker': 'src/race-worker.ts' },
  // The CommonJS build finds the worker next to itself through import.meta.url.
  shims: true,
});

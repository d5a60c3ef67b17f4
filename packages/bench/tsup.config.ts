import { defineConfig } from 'tsup';

// The scripts the table runs as processes of their own, built to plain JavaScript so that a
// process's start costs what a built program's does (the CLI it is compared with is built too):
// through tsx, loading the workspace's TypeScript sources took seconds before the first line ran.
// The workspace's packages are bundled from their sources; drivers stay external.
export default defineConfig({
  entry: {
    'raw-import': 'src/imports/raw-import.ts',
    'memory-replay': 'src/replay/memory-replay.ts',
  },
  format: ['esm'],
  dts: false,
  clean: true,
  target: 'node20',
  noExternal: [/^@order-ledger\//],
  external: ['better-sqlite3', 'pg'],
  esbuildOptions(options) {
    options.conditions = ['@order-ledger/source'];
  },
});

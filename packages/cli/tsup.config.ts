import { defineConfig } from 'tsup';

// One file for the `order-ledger` binary. The workspace's own packages are bundled in from their
// sources, so the binary runs without building each of them; npm dependencies stay external.
export default defineConfig({
  entry: { cli: 'src/main.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  noExternal: [/^@order-ledger\//],
  // What the bundled packages use from npm stays external, resolved from this package's dependencies.
  external: [
    'better-sqlite3',
    'pg',
    '@eventstore/db-client',
    '@grpc/grpc-js',
    'zod',
    'date-fns',
    '@date-fns/utc',
    'commander',
    'csv-parse',
    'cli-progress',
  ],
  esbuildOptions(options) {
    options.conditions = ['@order-ledger/source'];
  },
});

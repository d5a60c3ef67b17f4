import { defineConfig } from 'tsup';

// The `order-ledger` binary. The workspace's own packages are bundled in from their sources
// (they are dev dependencies, so the published package installs alone); what is on npm stays
// external: tsup leaves out every package in `dependencies`, so that list is the one place the
// binary's third-party packages are named. Each store is reached through a dynamic import in
// store-url.ts; code splitting (on by default for ESM) keeps each one a chunk of its own, loaded
// only when a store URL asks for it.
export default defineConfig({
  entry: { cli: 'src/main.ts' },
  format: ['esm'],
  splitting: true,
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  noExternal: [/^@order-ledger\//],
  esbuildOptions(options) {
    options.conditions = ['@order-ledger/source'];
  },
});

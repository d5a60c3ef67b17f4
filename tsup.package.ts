import { defineConfig, type Options } from 'tsup';

/**
 * How every library package is built: ESM and CJS with their declaration files, for Node 20.
 * A package's tsup.config.ts passes only what differs (its entry points, what stays external).
 */
export function packageBuild(overrides: Partial<Options> = {}) {
  return defineConfig({
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    // tsup 8 sets `baseUrl` for its declaration build, which TypeScript 6 deprecates.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    // CommonJS too: a second entry (`./testing`) shares the first one's code through chunks
    // instead of carrying a copy of it, so `instanceof` against a class of the package holds
    // whichever entry made the object.
    splitting: true,
    external: [/^@order-ledger\//, 'fast-check', 'vitest', 'better-sqlite3', 'pg', 'date-fns', '@date-fns/utc'],
    ...overrides,
  });
}

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { testProjects } from './vitest.workspace.ts';

export const sourceCondition = '@order-ledger/source';

export default defineConfig({
  test: {
    projects: testProjects.map((root) => ({
      extends: true,
      test: {
        name: root.split('/').at(-1) ?? root,
        root,
        include: ['src/**/*.test.ts'],
        // A package that needs something done once before its tests (the CLI builds its binary).
        globalSetup: existsSync(join(root, 'vitest.global-setup.ts')) ? ['./vitest.global-setup.ts'] : [],
        setupFiles: [resolve('vitest.setup.ts')],
        // A hang detector, not a speed limit: on a shared 2-core machine at load 10–25 a CLI test
        // that takes 8 s when idle has taken over 30. Speed is measured in benchmarks, never here.
        testTimeout: 300_000,
        hookTimeout: 300_000,
      },
    })),
  },
  // Tests run on the TypeScript sources of sibling packages, never on a stale build.
  resolve: { conditions: [sourceCondition] },
  ssr: { resolve: { conditions: [sourceCondition] } },
});

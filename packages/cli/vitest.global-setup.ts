import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The CLI tests run the built binary: build it once before they start (about a second). */
export function setup(): void {
  execFileSync(join(here, '../../node_modules/.bin/tsup'), [], { cwd: here, stdio: 'pipe' });
}

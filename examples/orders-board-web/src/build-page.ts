import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const example = fileURLToPath(new URL('..', import.meta.url));
/** Where the built page goes; the shop API serves it from there. */
export const builtPage = join(example, 'dist');

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Builds the page with Vite when it was never built or its sources changed since, so a test never
 * runs against a page older than the code beside it.
 */
export async function buildPageIfStale(): Promise<void> {
  const built = newest(join(builtPage, 'index.html'));
  const sources = Math.max(...['page', 'index.html', 'vite.config.ts'].map((name) => newest(join(example, name))));
  if (built > sources) return;
  await build({ configFile: join(example, 'vite.config.ts'), logLevel: 'warn' });
}

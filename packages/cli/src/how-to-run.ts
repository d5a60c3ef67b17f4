import { isAbsolute, relative, sep } from 'node:path';

/**
 * The command that runs this binary again from `cwd`, as a person would type it: `node
 * packages/cli/dist/cli.js` in a clone (nothing on PATH there), `npx order-ledger` where it is a
 * project's dependency, `order-ledger` where it was installed globally. Either way the binary's
 * own output only: no package manager banner in front of `--json`.
 */
export function howToRunMe(script: string, cwd: string): string {
  const path = relative(cwd, script);
  const inside = path !== '' && !path.startsWith('..') && !isAbsolute(path);
  if (!inside) return 'order-ledger';
  if (path.split(sep).includes('node_modules')) return 'npx order-ledger';
  return `node ${path.split(sep).join('/')}`;
}

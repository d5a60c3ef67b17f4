import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { howToRunMe } from './how-to-run';

describe('how to run the binary again', () => {
  const repo = join('/', 'home', 'me', 'order-ledger');
  it('names the built file in a clone, npx in a project, the bare name when installed globally', () => {
    expect(howToRunMe(join(repo, 'packages/cli/dist/cli.js'), repo)).toBe('node packages/cli/dist/cli.js');
    expect(howToRunMe(join(repo, 'node_modules/@order-ledger/cli/dist/cli.js'), repo)).toBe('npx order-ledger');
    expect(howToRunMe('/usr/lib/node_modules/@order-ledger/cli/dist/cli.js', repo)).toBe('order-ledger');
  });
});

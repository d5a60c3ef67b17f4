import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newWorkFolder, repoRoot, runCli } from './testing/run-cli';

const work = newWorkFolder();
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a command line as typed at a shell in the repository's root, as the README says. */
function typed(commandLine: string) {
  const run = spawnSync('sh', ['-c', commandLine], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('order-ledger run from a clone, as the README says', () => {
  it('the demo’s last "Try:" line works as typed, and prints only its own output', () => {
    const store = `sqlite:${join(work, 'demo.db')}`;
    const demo = typed(`node packages/cli/dist/cli.js demo --orders 60 --store ${store}`);
    expect(demo.code).toBe(0);
    const last = demo.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(last).toBe(`Try: node packages/cli/dist/cli.js report board --store ${store}`);
    const tried = typed(last.slice('Try: '.length));
    expect(tried.code).toBe(0);
    expect(tried.stdout).toMatch(/^Orders board as of /);

    // --json from the same command parses, and an export made that way imports.
    const board = typed(`node packages/cli/dist/cli.js report board --json --store ${store}`);
    expect(() => JSON.parse(board.stdout)).not.toThrow();
    const file = join(work, 'exported.jsonl');
    expect(typed(`node packages/cli/dist/cli.js export --store ${store} > ${file}`).code).toBe(0);
    const imported = typed(`node packages/cli/dist/cli.js import ${file} --store sqlite:${join(work, 'copy.db')}`);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
  });
});

/** Every command, by the words that run it. */
const commands = [
  [],
  ['demo'],
  ['import'],
  ['export'],
  ['reconcile'],
  ['report'],
  ['stock'],
  ['stock', 'adjust'],
  ['stock', 'recount'],
  ['order'],
  ...['prepare', 'ready', 'ship', 'deliver', 'pickup', 'cancel', 'refund'].map((step) => ['order', step]),
];

describe('order-ledger --help and exit codes', () => {
  it('--help on every command shows its options and an example, with exit 0', () => {
    for (const command of commands) {
      const help = runCli(work, ...command, '--help');
      const name = ['order-ledger', ...command].join(' ');
      expect(help.code, name).toBe(0);
      expect(help.stdout, name).toContain(`Usage: ${name}`);
      expect(help.stdout, name).toContain('Options:');
      expect(help.stdout, name).toMatch(new RegExp(`Examples?:\\n  \\$ ${name.replaceAll(' ', '\\s')}`));
    }
  });

  it('exits 1 for a mistake the user can fix and for a refused command, each with one line saying why', () => {
    for (const args of [
      ['report', 'weather'],
      ['report', 'board', '--limit', '0'],
      ['import', 'no-such-file.jsonl'],
      ['report', 'stock', '--store', `sqlite:${join(work, 'nothing-here.db')}`],
      ['stock', 'adjust', 'BEANS', '--delta', '-1', '--reason', 'breakage', '--store', 'memory:'],
      ['stock', 'adjust', 'BEANS', '--delta', '1', '--reason', 'received', '--at', 'yesterday', '--store', 'memory:'],
      ['import', work],
      ['report', 'board', '--store', `jsonl:${join(work, 'no-such-history.jsonl')}`],
      ['report', 'board', '--store', `jsonl:${work}`],
      ['export', '--store', 'memory:', '--out', join(work, 'no-such-folder', 'history.jsonl')],
    ]) {
      const run = runCli(work, ...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr, args.join(' ')).not.toMatch(/internal error| {4}at /);
    }
  });
});

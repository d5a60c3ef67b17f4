import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from './migrations';

const folder = mkdtempSync(join(tmpdir(), 'order-ledger-sqlite-first-open-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Processes opening each new file together, and rounds of it: one round rarely lands the race. */
const processes = 6;
const rounds = 8;

interface Opener {
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  readonly next: () => Promise<string>;
}

/** A child process running the fixture, already past its start-up (tsx, imports) when returned. */
async function startOpener(): Promise<Opener> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@order-ledger/source', 'packages/store-sqlite/src/testing/first-open.fixture.ts'],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`an opener process ended early: ${errors}`);
    return line.value;
  };
  expect(await next()).toBe('ready');
  return { child, next };
}

describe('SqliteEventStore, opened for the first time by several processes at once', () => {
  it('migrates a new file once, and every process opens it', async () => {
    const openers = await Promise.all(Array.from({ length: processes }, startOpener));
    try {
      const failures: string[] = [];
      for (let round = 1; round <= rounds; round += 1) {
        const file = join(folder, `round-${round}.db`);
        // Every process is idle, its modules loaded: the file names go out together.
        for (const { child } of openers) child.stdin.write(`${file}\n`);
        const answers = await Promise.all(openers.map(({ next }) => next()));
        failures.push(...answers.filter((answer) => answer !== 'ok').map((answer) => `round ${round}: ${answer}`));
        const db = new BetterSqlite3(file, { readonly: true });
        try {
          expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
          expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(
            answers.filter((a) => a === 'ok').length,
          );
        } finally {
          db.close();
        }
      }
      expect(failures).toEqual([]);
    } finally {
      for (const { child } of openers) child.stdin.end();
    }
  });
});

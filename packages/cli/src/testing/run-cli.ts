import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = join(packageRoot, '../..');
/** The built binary (the package's vitest global setup builds it). */
export const binary = join(packageRoot, 'dist/cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A new folder for a test file's stores and files. */
export function newWorkFolder(): string {
  return mkdtempSync(join(tmpdir(), 'order-ledger-cli-'));
}

/** Runs the built `order-ledger` binary in `cwd`, as a user would. */
export function runCli(cwd: string, ...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [binary, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking the test's event loop: for stores served from inside the test
 * process (the EventStoreDB test server), which a synchronous spawn would freeze.
 */
export function runCliAsync(cwd: string, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binary, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The note every report writes on standard error: how its read models were had. */
const readModelNote =
  /^order-ledger: (read models kept in the store: [\d,]+ new events folded|replayed [\d,]+ events( up to \S+)?)$/;

/** Standard error less the read-model note: what must be empty when nothing went wrong. */
export function complaints(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => line !== '' && !readModelNote.test(line))
    .join('\n');
}

/** The JSON a run printed, after checking it succeeded without a complaint. */
export function jsonOf<T = unknown>(run: CliRun): T {
  expect(complaints(run.stderr)).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

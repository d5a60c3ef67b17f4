import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, where `packages/cli` lives. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * A built program the table runs as a process: the `order-ledger` binary, or one of this package's
 * scripts (tsup.config.ts). Both are plain JavaScript, so a process starts as a user's would.
 */
export function builtProgram(which: 'cli' | 'raw-import' | 'memory-replay'): string {
  const file = which === 'cli' ? `${repoRoot}packages/cli/dist/cli.js` : `${repoRoot}packages/bench/dist/${which}.js`;
  if (!existsSync(file)) throw new Error(`no ${file}: build it first (pnpm bench and pnpm bench:quick do)`);
  return file;
}

export interface ChildRun {
  readonly ms: number;
  readonly stdout: string;
}

/**
 * Runs a process to the end and times it, start to exit. Fails with its stderr when it exits
 * with an error: a row never times a command that did not do its work.
 */
export function timedProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout: Buffer.concat(out).toString('utf8') });
      else
        reject(new Error(`${args.join(' ')} exited with ${code}: ${Buffer.concat(err).toString('utf8').slice(-2000)}`));
    });
  });
}

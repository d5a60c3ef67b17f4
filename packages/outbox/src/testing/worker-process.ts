import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorePlace } from './test-stores';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'deliver.fixture.ts');

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) and what the worker printed. */
  readonly exited: Promise<{ readonly code: number | string; readonly stdout: string; readonly stderr: string }>;
}

/** Starts `deliver.fixture.ts` in a process of its own, under tsx on the TypeScript sources. */
export function startWorkerProcess(options: {
  readonly place: StorePlace;
  readonly url: string;
  readonly secret: string;
  readonly now: Date;
  readonly leaseMs: number;
  readonly limit: number;
}): WorkerProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@order-ledger/source',
      fixture,
      JSON.stringify(options.place),
      options.url,
      options.secret,
      options.now.toISOString(),
      String(options.leaseMs),
      String(options.limit),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | string; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? signal ?? 'unknown', stdout, stderr }));
  });
  return { child, exited };
}

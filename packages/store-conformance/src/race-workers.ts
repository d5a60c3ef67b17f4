import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { defaultChildNodeArgs } from './child-store';
import { goLine, type RaceJob, type RaceOutcome, type WorkerLine } from './race-protocol';

export interface RaceOptions {
  /** Give up (and kill every worker) after this long. Default 90 s: a loaded machine is slow. */
  readonly timeoutMs?: number;
}

/**
 * The worker program next to this module: the TypeScript source when the suite runs from source
 * (under tsx or vitest), the built file when it runs from `dist`.
 */
function workerScript(): string {
  const here = new URL(import.meta.url);
  const source = here.pathname.endsWith('.ts');
  return new URL(source ? './race-worker.ts' : './race-worker.js', here).pathname;
}

interface Worker {
  readonly child: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly finished: Promise<void>;
}

function startWorker(index: number, job: RaceJob, outcomes: RaceOutcome[]): Worker {
  const child = spawn(process.execPath, [...(job.store.nodeArgs ?? defaultChildNodeArgs), workerScript()], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  let noise = '';
  let done = false;
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  let markReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const text of lines) {
      let line: WorkerLine;
      try {
        line = JSON.parse(text) as WorkerLine;
      } catch {
        // A store or driver may print to stdout; keep it for the error message, skip it.
        noise += `${text}\n`;
        continue;
      }
      if (line.kind === 'ready') markReady();
      else if (line.kind === 'done') done = true;
      else {
        const { kind: _kind, ...outcome } = line;
        outcomes.push({ ...outcome, worker: index });
      }
    }
  });
  const finished = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && done) resolve();
      else
        reject(
          new Error(`race worker ${index} ended (code ${code}, signal ${signal}) before done:\n${errors}${noise}`),
        );
    });
  });
  // Awaited later, or never if another worker fails first: no unhandled rejection meanwhile.
  finished.catch(() => undefined);
  // A worker that dies before the barrier must not leave the others waiting for it.
  const readyOrDead = Promise.race([
    ready,
    finished.then(() => Promise.reject(new Error(`race worker ${index} ended before ready`))),
  ]);
  child.stdin.write(`${JSON.stringify(job)}\n`);
  return { child, ready: readyOrDead, finished };
}

/**
 * Runs one worker process per job, all on the same store, started together: each opens its store
 * and says ready; only when all have does any get `go`. Resolves with every step's outcome once
 * every worker has finished; rejects (after killing them all) if one fails or time runs out.
 */
export async function runRaceWorkers(jobs: readonly RaceJob[], options: RaceOptions = {}): Promise<RaceOutcome[]> {
  const outcomes: RaceOutcome[] = [];
  const workers = jobs.map((job, index) => startWorker(index, job, outcomes));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the race did not finish in ${options.timeoutMs ?? 240_000} ms`)),
      options.timeoutMs ?? 240_000,
    );
  });
  try {
    await Promise.race([Promise.all(workers.map((worker) => worker.ready)), timeout]);
    for (const { child } of workers) child.stdin.end(`${goLine}\n`);
    await Promise.race([Promise.all(workers.map((worker) => worker.finished)), timeout]);
    return outcomes;
  } finally {
    clearTimeout(timer);
    for (const { child } of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

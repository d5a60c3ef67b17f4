/**
 * A race worker process: opens the store its job names, says `ready`, waits for `go`, runs its
 * steps one after another through `OrderLedger.execute`, and reports each. Started by
 * `runRaceWorkers`; it is a program, not a module to import.
 */
import { createInterface } from 'node:readline';
import { OrderLedger } from '@order-ledger/core';
import { openChildStore } from './child-store';
import { goLine, type RaceJob, type StepOutcome, type WorkerLine } from './race-protocol';

function say(line: WorkerLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function codeOf(error: unknown): string {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : 'UNEXPECTED';
}

// A function rather than top-level await: the CommonJS build cannot hold top-level await.
async function work(): Promise<void> {
  const input = createInterface({ input: process.stdin });
  const lines = input[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const next = await lines.next();
    if (next.done === true) throw new Error('stdin closed before the worker was told to go');
    return next.value;
  };

  const job = JSON.parse(await nextLine()) as RaceJob;
  const store = await openChildStore(job.store);
  const ledger = new OrderLedger(store);
  // One read before the barrier: the connection is open and the code paths are loaded, so the
  // race starts at `go`, not at whichever worker finished warming up first.
  await store.readStream('race-warm-up');
  say({ kind: 'ready' });
  if ((await nextLine()) !== goLine) throw new Error('expected the go line');

  for (const step of job.steps) {
    const startedAt = process.hrtime.bigint().toString();
    let outcome: StepOutcome;
    try {
      const result = await ledger.execute(
        step.command,
        step.commandId === undefined ? {} : { commandId: step.commandId },
      );
      outcome = {
        label: step.label,
        startedAt,
        endedAt: process.hrtime.bigint().toString(),
        ok: true,
        alreadyHandled: result.alreadyHandled,
      };
    } catch (error) {
      outcome = {
        label: step.label,
        startedAt,
        endedAt: process.hrtime.bigint().toString(),
        ok: false,
        code: codeOf(error),
        message: error instanceof Error ? error.message : String(error),
      };
    }
    say({ kind: 'outcome', ...outcome });
  }
  say({ kind: 'done' });
  await store.close();
  // Let go of stdin so the process ends by itself once its output is out.
  input.close();
}

work().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

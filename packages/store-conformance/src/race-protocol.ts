import type { LedgerCommand } from '@order-ledger/core';
import type { ChildStoreRecipe } from './child-store';

/**
 * What a race worker and the test that runs it say to each other. The parent writes one job line
 * on the worker's stdin, waits until every worker has printed `ready`, then writes `go` to all:
 * the barrier that makes them start together. A worker prints one `outcome` line per step, then
 * `done`. Every line is JSON.
 */

/** One command a worker runs through `OrderLedger.execute`, under a name the test chose. */
export interface RaceStep {
  readonly label: string;
  readonly command: LedgerCommand;
  /** The command id to run it under; a retry of a command repeats its original's. */
  readonly commandId?: string;
}

export interface RaceJob {
  readonly store: ChildStoreRecipe;
  readonly steps: readonly RaceStep[];
}

/**
 * What became of one step. `startedAt` and `endedAt` are `process.hrtime.bigint()` in
 * nanoseconds, as decimal strings: one monotonic clock that every process on the machine shares,
 * so the parent can tell which commands surely ended before another began (never how long
 * anything took).
 */
export type StepOutcome = {
  readonly label: string;
  readonly startedAt: string;
  readonly endedAt: string;
} & (
  | { readonly ok: true; readonly alreadyHandled: boolean }
  | { readonly ok: false; readonly code: string; readonly message: string }
);

/** A step's outcome as the parent keeps it: with the worker that ran it. */
export type RaceOutcome = StepOutcome & { readonly worker: number };

export type WorkerLine =
  | { readonly kind: 'ready' }
  | ({ readonly kind: 'outcome' } & StepOutcome)
  | { readonly kind: 'done' };

export const goLine = 'go';

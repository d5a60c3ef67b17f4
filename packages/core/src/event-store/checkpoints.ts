import { LedgerError } from '../errors/ledger-error';
import type { GlobalPosition } from './types';

/** How far a projection has read, and which version of it did the reading. */
export interface ProjectionCheckpoint {
  readonly name: string;
  /** The position of the last event the projection handled. */
  readonly position: GlobalPosition;
  /** The projection's version when it saved: a different version means rebuild. */
  readonly version: number;
  /**
   * The read model itself, as JSON, when the projection keeps it beside its checkpoint (an
   * in-memory read model that survives restarts). Saved in the same write as the position.
   */
  readonly state?: unknown;
}

export interface SaveCheckpointOptions {
  readonly version: number;
  /**
   * The position the caller last loaded (`null` when there was none). When given, the save is a
   * compare-and-set: it fails with `CheckpointConflictError` if another runner moved it since.
   */
  readonly expected?: GlobalPosition | null;
  /** The read model to keep with the checkpoint, as JSON-safe data. */
  readonly state?: unknown;
}

/**
 * Projection checkpoints kept in the store's own database, so a read model stored there and its
 * checkpoint can commit in one transaction (see each store's `transaction`).
 */
export interface CheckpointStore {
  loadCheckpoint(name: string): Promise<ProjectionCheckpoint | undefined>;
  saveCheckpoint(name: string, position: GlobalPosition, options: SaveCheckpointOptions): Promise<void>;
  /** Forgets a checkpoint: the projection starts again from the beginning. */
  deleteCheckpoint(name: string): Promise<void>;
}

/**
 * Another runner saved the checkpoint since this one loaded it: two runners, one projection.
 * @remedy Run one runner per projection and checkpoint name; after a takeover, reload the read model
 * and its checkpoint, and go on from there.
 */
export class CheckpointConflictError extends LedgerError {
  readonly code = 'CHECKPOINT_CONFLICT' as const;
  readonly checkpoint: string;
  readonly expected: GlobalPosition | null;
  readonly actual: GlobalPosition | null;

  constructor(checkpoint: string, expected: GlobalPosition | null, actual: GlobalPosition | null) {
    super(`checkpoint ${checkpoint}: expected position ${String(expected)}, found ${String(actual)}`);
    this.checkpoint = checkpoint;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The compare-and-set rule every store applies the same way. */
export function assertCheckpointExpected(
  name: string,
  options: SaveCheckpointOptions,
  current: GlobalPosition | undefined,
): void {
  if (options.expected === undefined) return;
  const actual = current ?? null;
  if (actual !== options.expected) throw new CheckpointConflictError(name, options.expected, actual);
}

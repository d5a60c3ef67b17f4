import { type EventStore, ProjectionRunner } from '@order-ledger/core';
import { ordersBoard } from '@order-ledger/projection-orders-board';
import { builtProgram, timedProcess } from '../run/child-process';

/** The orders board kept beside a store, with whatever it saves to resume. */
export interface KeptBoard {
  /** Brings the board up to date with everything written, and saves where it stands. */
  catchUp(): Promise<void>;
  /**
   * Follows the store until `signal` aborts, calling `onCaughtUp(position)` each time the board has
   * everything written so far (and has saved it).
   */
  follow(signal: AbortSignal, onCaughtUp: (position: number) => void): Promise<void>;
}

/**
 * How the report, checkpoint and follower rows reach the read models. These rows are held to
 * targets the read models as they are today cannot meet (a report folds the whole history every
 * time; a checkpoint saves the whole board as one JSON document); when the read models move into
 * tables with resumable reports, point this at the new API and the rows measure that, unchanged.
 */
export interface ReadModelAccess {
  /** One line for the table's notes: what the rows measure through this access. */
  readonly describe: string;
  /** Runs the board report on the store at `storeUrl` as a user would, to the end. */
  report(storeUrl: string): Promise<void>;
  /** The orders board kept beside `store` (every order it has seen: a board of the whole store). */
  board(store: EventStore): KeptBoard;
}

/** Today's API: `order-ledger report board` (the built binary), and `ProjectionRunner` with the store's checkpoints. */
export const todaysReadModels: ReadModelAccess = {
  describe:
    'today a report reads and folds the whole history on every run, and a checkpoint saves the whole board as one JSON document',
  async report(storeUrl) {
    await timedProcess([builtProgram('cli'), 'report', 'board', '--store', storeUrl]);
  },
  board(store) {
    // One runner for the board's life: each catch-up folds what is new and saves the board.
    const runner = new ProjectionRunner(store, ordersBoard);
    return {
      async catchUp() {
        await runner.catchUp();
      },
      async follow(signal, onCaughtUp) {
        await new ProjectionRunner(store, ordersBoard, { onCaughtUp }).run(signal);
      },
    };
  },
};

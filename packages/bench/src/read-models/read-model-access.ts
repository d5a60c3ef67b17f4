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
 * How the report, checkpoint and follower rows reach the read models: kept in the store's own
 * tables, row by row. The rows measure whatever this access does, so a change in how read models
 * are kept is measured by the same rows, unchanged.
 */
export interface ReadModelAccess {
  /** One line for the table's notes: what the rows measure through this access. */
  readonly describe: string;
  /** Runs the board report on the store at `storeUrl` as a user would, to the end. */
  report(storeUrl: string): Promise<void>;
  /** The orders board kept beside `store` (every order it has seen: a board of the whole store). */
  board(store: EventStore): KeptBoard;
}

/**
 * The read models kept in the store's tables: `order-ledger report board` (the built binary) catches
 * up the kept board and loads only the rows it shows; `ProjectionRunner` on a SQLite store keeps the
 * board in `read_model_rows` and saves only the rows an event changed.
 */
export const keptReadModels: ReadModelAccess = {
  describe:
    "the board kept in the store's read_model_rows: a report folds only new events and loads the rows it shows; a save writes only the changed rows",
  async report(storeUrl) {
    await timedProcess([builtProgram('cli'), 'report', 'board', '--store', storeUrl]);
  },
  board(store) {
    // One runner for the board's life: each catch-up folds what is new and saves the rows it changed.
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

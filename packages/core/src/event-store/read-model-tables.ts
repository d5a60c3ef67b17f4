import type { IndexValue } from '../projection/kept-collection';
import type { GlobalPosition } from './types';

/** One row of a kept read model: a key in a collection, its value as JSON, its index values. */
export interface KeptRowWrite {
  readonly collection: string;
  readonly key: string;
  /** The value as JSON text. */
  readonly json: string;
  /** The collection's index values for this row, in declaration order (at most three). */
  readonly indexes: readonly IndexValue[];
}

export interface KeptRowDelete {
  readonly collection: string;
  readonly key: string;
}

/** What a save of a kept read model writes, in one transaction with its checkpoint. */
export interface ReadModelCommit {
  /** The read model's version: a different version found at start means rebuild. */
  readonly version: number;
  /**
   * The checkpoint position the writer last loaded or saved, `null` when there was none. The
   * commit is a compare-and-set against it: another writer that moved the read model since makes
   * it fail with `CheckpointConflictError`, and nothing is written.
   */
  readonly expected: GlobalPosition | null;
  /** The position of the last event folded into these rows. */
  readonly position: GlobalPosition;
  /** Forget every row of the read model before writing these: the first save of a rebuild. */
  readonly reset: boolean;
  readonly writes: readonly KeptRowWrite[];
  readonly deletes: readonly KeptRowDelete[];
}

/** Which rows to read: those whose `index`-th index value is one of `values`. */
export interface KeptRowFilter {
  /** The index's place among the collection's indexes (0, 1 or 2). */
  readonly index: number;
  readonly values: readonly string[];
}

/** Where a kept read model stands. */
export interface KeptReadModelStatus {
  readonly position: GlobalPosition;
  readonly version: number;
}

/**
 * Read models kept as rows in the store's own database: one row per key (an order, a SKU, a
 * customer), written only when it changed, in the same transaction as the read model's
 * checkpoint. SQLite and PostgreSQL keep them in tables; the in-memory store keeps the same rows
 * in memory. A kept read model's checkpoint is an ordinary projection checkpoint without state.
 */
export interface ReadModelTables {
  status(model: string): Promise<KeptReadModelStatus | undefined>;
  /** One row's JSON, or undefined. */
  row(model: string, collection: string, key: string): Promise<string | undefined>;
  /** Rows by key (missing keys are left out). */
  rowsByKey(model: string, collection: string, keys: readonly string[]): Promise<[string, string][]>;
  /** Every row of a collection, or those an index selects, as [key, JSON], in key order. */
  rows(model: string, collection: string, filter?: KeptRowFilter): Promise<[string, string][]>;
  /**
   * Writes a save atomically: the checkpoint compare-and-set, the reset, the rows, the checkpoint.
   * Two writers of one read model never both succeed from the same position.
   */
  commit(model: string, commit: ReadModelCommit): Promise<void>;
  /** Forgets a read model: its rows and its checkpoint. */
  drop(model: string): Promise<void>;
}

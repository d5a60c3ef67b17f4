import type { RowResult } from '../table/bench-row';
import type { BenchContext } from './bench-context';

/**
 * A set of rows measured together (they share a setup: a store, a file, a server). A group names
 * its rows up front, so when it fails the table still lists each of them, as not measured, with
 * the reason.
 */
export interface BenchGroup {
  /** Short key for `--only`. */
  readonly key: string;
  readonly rows: readonly { readonly id: string; readonly operation: string }[];
  run(context: BenchContext): Promise<RowResult[]>;
}

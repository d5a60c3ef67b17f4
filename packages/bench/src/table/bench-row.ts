/**
 * One row of the benchmark table: an operation, our median, the baseline's median measured beside
 * it in the same run, and the target the project holds it to.
 *
 * Two kinds of rows:
 * - a ratio: both sides are rates (per second, higher is better) and the row's figure is
 *   ours / baseline;
 * - an absolute figure (milliseconds, megabytes): ours is held to a ceiling; the baseline, when
 *   there is one, is context (the fixed cost of the same command with nothing to do, a smaller
 *   store), never part of the verdict.
 */

export type Target =
  | { readonly kind: 'ratio-at-least'; readonly ratio: number }
  | { readonly kind: 'below'; readonly value: number }
  | { readonly kind: 'none' };

export interface Figure {
  /** The figure the row is judged on: the median of the samples, or their peak (memory). */
  readonly value: number;
  readonly of: 'median' | 'peak';
  /** Every sample it was taken from, in the unit of the row. */
  readonly samples: readonly number[];
}

export interface RowResult {
  /** Stable key: the JSON and the targets table use it. */
  readonly id: string;
  /** What is measured, and against what ("SQLite single-event append vs raw better-sqlite3"). */
  readonly operation: string;
  /** How much work, in words ("100,000 events", "20 new orders on a 100,000-order store"). */
  readonly size: string;
  /** The unit of `ours` and `baseline`: "events/s", "appends/s", "commands/s", "ms", "MB". */
  readonly unit: string;
  readonly ours: Figure;
  readonly baseline?: Figure;
  /** ours / baseline, for ratio rows. */
  readonly ratio?: number;
  readonly target: Target;
  /** Whether the target is met; undefined when the row has none. */
  readonly met?: boolean;
  /** What a reader must know to read the figure (what a row measures, what a quick run leaves out). */
  readonly note?: string;
}

/** A row that could not be measured: the table says so rather than leaving it out. */
export interface RowFailure {
  readonly id: string;
  readonly operation: string;
  readonly error: string;
}

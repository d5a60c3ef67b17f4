import { type Comparison, median } from '@order-ledger/core/testing';
import type { Figure, RowResult } from './bench-row';
import { meets, targetOf } from './targets';

export interface RowWords {
  readonly id: string;
  readonly operation: string;
  readonly size?: string;
  readonly note?: string;
}

const figureOf = (samples: readonly number[]): Figure => ({ value: median(samples), of: 'median', samples });

/**
 * A ratio row from a comparison of durations (`compare` or `compareInterleaved` from
 * `@order-ledger/core/testing`): each duration becomes a rate (count per second), the row shows
 * the median rate of each side and ours / baseline.
 */
export function rateRow(words: RowWords, comparison: Comparison): RowResult {
  const rates = (durations: readonly number[]) => durations.map((ms) => (comparison.count / ms) * 1000);
  return ratioRow(words, `${comparison.unit}/s`, rates(comparison.ours), rates(comparison.baseline), {
    size: words.size ?? `${comparison.count.toLocaleString('en-US')} ${comparison.unit}`,
  });
}

/** A ratio row from rates already worked out (higher is better on both sides). */
export function ratioRow(
  words: RowWords,
  unit: string,
  ours: readonly number[],
  baseline: readonly number[],
  extra: { readonly size: string },
): RowResult {
  const target = targetOf(words.id);
  const oursFigure = figureOf(ours);
  const baselineFigure = figureOf(baseline);
  const ratio = oursFigure.value / baselineFigure.value;
  const met = meets(target, { ours: oursFigure.value, ratio });
  return {
    id: words.id,
    operation: words.operation,
    size: words.size ?? extra.size,
    unit,
    ours: oursFigure,
    baseline: baselineFigure,
    ratio,
    target,
    ...(met === undefined ? {} : { met }),
    ...(words.note === undefined ? {} : { note: words.note }),
  };
}

/**
 * An absolute row (milliseconds, megabytes; lower is better): ours against its ceiling. The
 * baseline, when given, is context beside it, not part of the verdict.
 */
export function absoluteRow(
  words: RowWords & { readonly size: string },
  unit: string,
  ours: readonly number[],
  options: { readonly baseline?: readonly number[]; readonly flat?: boolean; readonly peak?: boolean } = {},
): RowResult {
  const target = targetOf(words.id);
  const oursFigure: Figure =
    options.peak === true ? { value: Math.max(...ours), of: 'peak', samples: ours } : figureOf(ours);
  const met = meets(target, {
    ours: oursFigure.value,
    ...(options.flat === undefined ? {} : { flat: options.flat }),
  });
  return {
    id: words.id,
    operation: words.operation,
    size: words.size,
    unit,
    ours: oursFigure,
    ...(options.baseline === undefined ? {} : { baseline: figureOf(options.baseline) }),
    target,
    ...(met === undefined ? {} : { met }),
    ...(words.note === undefined ? {} : { note: words.note }),
  };
}

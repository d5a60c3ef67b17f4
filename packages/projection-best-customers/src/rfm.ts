/** Shopify-like RFM groups, on our proposed grid (domain.md, section 6). */
export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'active'
  | 'new'
  | 'promising'
  | 'needs_attention'
  | 'at_risk'
  | 'previously_loyal'
  | 'almost_lost'
  | 'dormant';

type Column = 0 | 1 | 2 | 3;

/** Rows R = 5 … 1; columns FM ≥ 4.5, 3.5–4, 2.5–3, ≤ 2. `new|promising` resolves on F. */
const grid: Readonly<Record<number, readonly [RfmSegment, RfmSegment, RfmSegment, RfmSegment | 'new|promising']>> = {
  5: ['champions', 'loyal', 'active', 'new|promising'],
  4: ['loyal', 'loyal', 'active', 'promising'],
  3: ['loyal', 'needs_attention', 'needs_attention', 'almost_lost'],
  2: ['previously_loyal', 'at_risk', 'at_risk', 'almost_lost'],
  1: ['previously_loyal', 'at_risk', 'dormant', 'dormant'],
};

function column(fm: number): Column {
  if (fm >= 4.5) return 0;
  if (fm >= 3.5) return 1;
  if (fm >= 2.5) return 2;
  return 3;
}

/** The segment of a customer scored r, f, m (1–5 each), with `orders` qualifying orders. */
export function rfmSegment(r: number, f: number, m: number, orders: number): RfmSegment {
  const cell = grid[r]?.[column((f + m) / 2)] ?? 'dormant';
  if (cell === 'new|promising') return orders === 1 ? 'new' : 'promising';
  return cell;
}

/**
 * Scores 1–5 by quintile of rank (5 = the top fifth). Ties share a score: each value scores by how
 * many customers have a strictly lower value, so equal values never split across two scores.
 */
export function quintileScores(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const below = (value: number) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return values.map((value) => 1 + Math.floor((5 * below(value)) / values.length));
}

/** Fixed thresholds for small stores (fewer than `minForQuintiles` customers), ascending. */
export interface FixedRfmThresholds {
  /** Days since the last order at or under which R scores 5, 4, 3, 2 (else 1). */
  readonly recencyDays: readonly [number, number, number, number];
  /** Qualifying orders at or over which F scores 2, 3, 4, 5 (else 1). */
  readonly frequency: readonly [number, number, number, number];
  /** Net spend in minor units at or over which M scores 2, 3, 4, 5 (else 1). */
  readonly monetary: readonly [number, number, number, number];
}

export const defaultFixedRfmThresholds: FixedRfmThresholds = {
  recencyDays: [30, 60, 120, 240],
  frequency: [2, 3, 4, 6],
  monetary: [2_000, 5_000, 10_000, 25_000],
};

export function fixedScore(value: number, steps: readonly [number, number, number, number]): number {
  let score = 1;
  for (const step of steps) if (value >= step) score += 1;
  return score;
}

export function fixedRecencyScore(days: number, steps: readonly [number, number, number, number]): number {
  let score = 5;
  for (const step of steps) if (days > step) score -= 1;
  return score;
}

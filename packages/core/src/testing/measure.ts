import { performance } from 'node:perf_hooks';

/** Runs `work` and returns how long it took, in milliseconds. */
export async function timed(work: () => Promise<void> | void): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface Comparison {
  readonly name: string;
  readonly unit: string;
  readonly count: number;
  readonly ours: readonly number[];
  readonly baseline: readonly number[];
}

/**
 * Runs ours and the baseline alternately, `rounds` times each, in one process: the machine's
 * noise falls on both alike. Returns every duration so the report can quote medians.
 */
export async function compare(
  name: string,
  options: { readonly rounds: number; readonly count: number; readonly unit: string },
  ours: () => Promise<() => Promise<void>>,
  baseline: () => Promise<() => Promise<void>>,
): Promise<Comparison> {
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    // Each side's setup (a fresh file or schema) is outside the timing.
    const [first, second] = round % 2 === 0 ? [ours, baseline] : [baseline, ours];
    const firstRun = await first();
    const firstTime = await timed(firstRun);
    const secondRun = await second();
    const secondTime = await timed(secondRun);
    (round % 2 === 0 ? oursTimes : baselineTimes).push(firstTime);
    (round % 2 === 0 ? baselineTimes : oursTimes).push(secondTime);
  }
  return { name, unit: options.unit, count: options.count, ours: oursTimes, baseline: baselineTimes };
}

/** One side of an interleaved comparison: a step per item, and a clean-up. */
export interface SteppedRun {
  step(index: number): Promise<void> | void;
  finish(): Promise<void> | void;
}

/**
 * For write workloads on a noisy machine: both sides run item by item in one loop, alternating
 * which goes first, each step timed on its own. A slow patch of the disk or of the other core
 * falls on both sides alike; the median step time of each side gives its rate.
 */
export async function compareInterleaved(
  name: string,
  options: { readonly count: number; readonly unit: string },
  ours: () => Promise<SteppedRun>,
  baseline: () => Promise<SteppedRun>,
): Promise<Comparison> {
  const [oursRun, baselineRun] = [await ours(), await baseline()];
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let index = 0; index < options.count; index += 1) {
    if (index % 2 === 0) {
      oursTimes.push(await timed(() => oursRun.step(index)));
      baselineTimes.push(await timed(() => baselineRun.step(index)));
    } else {
      baselineTimes.push(await timed(() => baselineRun.step(index)));
      oursTimes.push(await timed(() => oursRun.step(index)));
    }
  }
  await oursRun.finish();
  await baselineRun.finish();
  // Expressed as one "run" of count items at the median step time, so formatComparison reads it alike.
  return {
    name,
    unit: options.unit,
    count: options.count,
    ours: [median(oursTimes) * options.count],
    baseline: [median(baselineTimes) * options.count],
  };
}

/** One markdown table row: median rate of each side and the ratio ours / baseline. */
export function formatComparison(comparison: Comparison): string {
  const rate = (ms: number) => (comparison.count / ms) * 1000;
  const ours = rate(median(comparison.ours));
  const baseline = rate(median(comparison.baseline));
  const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
  return `| ${comparison.name} | ${comparison.count.toLocaleString('en-US')} ${comparison.unit} | ${fmt(ours)} | ${fmt(baseline)} | ${(ours / baseline).toFixed(2)}× |`;
}

export const comparisonHeader =
  '| workload | size | ours (per s, median) | raw driver (per s, median) | ours / raw |\n| --- | ---: | ---: | ---: | ---: |';

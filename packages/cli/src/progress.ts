import { SingleBar } from 'cli-progress';

export interface Progress {
  /** Moves on by `by` of the bar's total; `done` says how many of the unit are done so far. */
  increment(by: number, done?: number): void;
  stop(): void;
}

const silent: Progress = { increment: () => undefined, stop: () => undefined };

/**
 * Whether to draw a bar: only on a terminal (pipes and files get clean output), only for work of
 * some size, and never on a terminal that cannot redraw a line (`TERM=dumb`).
 */
export function showsProgress(
  stream: { readonly isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  total: number,
  minimum: number,
): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb' && total >= minimum;
}

/**
 * How the bar looks. It names what it counts. With `NO_COLOR` set (https://no-color.org) it is
 * plain text: ASCII characters, no colour and no escape codes beyond redrawing its own line (the
 * cursor is left alone).
 */
export function progressStyle(label: string, unit: string, env: NodeJS.ProcessEnv) {
  const plain = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return {
    format: `${label} [{bar}] {percentage}% {done} ${unit}`,
    barCompleteChar: plain ? '#' : '\u2588',
    barIncompleteChar: plain ? '-' : '\u2591',
    hideCursor: !plain,
  };
}

/**
 * A progress bar on standard error over `total` (of whatever the caller measures: bytes read,
 * commands written) showing how many `unit` are done.
 */
export function progress(label: string, unit: string, total: number, minimum = 5_000): Progress {
  if (!showsProgress(process.stderr, process.env, total, minimum)) return silent;
  const bar = new SingleBar({ ...progressStyle(label, unit, process.env), stream: process.stderr });
  let done = 0;
  bar.start(total, 0, { done: 0 });
  return {
    increment: (by, count) => {
      done = count ?? done + by;
      bar.increment(by, { done: done.toLocaleString('en-US') });
    },
    stop: () => bar.stop(),
  };
}

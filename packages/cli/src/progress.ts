import { SingleBar } from 'cli-progress';

export interface Progress {
  increment(by?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr, shown only on a terminal and only for work of some size: pipes and
 * files get clean output.
 */
export function progress(label: string, total: number, minimum = 5_000): Progress {
  if (!process.stderr.isTTY || total < minimum) return { increment: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {value}/{total}`,
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0);
  return { increment: (by = 1) => bar.increment(by), stop: () => bar.stop() };
}

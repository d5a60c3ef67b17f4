import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** The machine's load as `/proc/loadavg` gives it (1, 5 and 15 minutes, runnable/total, last pid). */
export function machineLoad(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  }
}

export interface BenchEnvironment {
  readonly startedAt: string;
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly loadAtStart: string;
  readonly commit: string | undefined;
}

/** What a reader needs to weigh the figures: when, on what, how busy, at which commit. */
export function benchEnvironment(repoRoot: string): BenchEnvironment {
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    commit = undefined;
  }
  const processors = cpus();
  return {
    startedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: processors.length,
    cpuModel: processors[0]?.model ?? 'unknown',
    loadAtStart: machineLoad(),
    commit,
  };
}

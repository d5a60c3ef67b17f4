import type { Target } from './bench-row';

/**
 * Every target the table holds a row to, in one place (issue 12 and docs/benchmarks.md). A row
 * whose id is not here has no target: it is shown for comparison (Emmett, a second replay).
 */
const targets: Readonly<Record<string, Target>> = {
  'sqlite.append.single': { kind: 'ratio-at-least', ratio: 0.8 },
  'sqlite.append.whole-order': { kind: 'ratio-at-least', ratio: 0.8 },
  'sqlite.read-all': { kind: 'ratio-at-least', ratio: 0.5 },
  'postgres.append.single': { kind: 'ratio-at-least', ratio: 0.8 },
  'postgres.append.whole-order': { kind: 'ratio-at-least', ratio: 0.8 },
  'postgres.read-all': { kind: 'ratio-at-least', ratio: 0.5 },
  'sqlite.import': { kind: 'ratio-at-least', ratio: 0.6 },
  'postgres.import': { kind: 'ratio-at-least', ratio: 0.6 },
  'sqlite.execute.at-scale': { kind: 'ratio-at-least', ratio: 0.7 },
  'postgres.execute.at-scale': { kind: 'ratio-at-least', ratio: 0.7 },
  'replay.board-stock': { kind: 'ratio-at-least', ratio: 0.5 },
  'replay.all-five': { kind: 'ratio-at-least', ratio: 0.25 },
  'replay.file': { kind: 'ratio-at-least', ratio: 0.8 },
  'report.unchanged': { kind: 'below', value: 1000 },
  'checkpoint.one-event': { kind: 'below', value: 5 },
  'follower.lag': { kind: 'below', value: 10 },
  'replay.memory': { kind: 'below', value: 300 },
};

export function targetOf(id: string): Target {
  return targets[id] ?? { kind: 'none' };
}

/**
 * Whether a figure meets its target: a ratio at least the bound, an absolute figure below it. A row
 * that must also stay flat (memory through a long replay) says whether it did; not flat is not met.
 */
export function meets(
  target: Target,
  figure: { readonly ours: number; readonly ratio?: number; readonly flat?: boolean },
): boolean | undefined {
  switch (target.kind) {
    case 'ratio-at-least':
      return figure.ratio !== undefined && figure.ratio >= target.ratio;
    case 'below':
      return figure.ours < target.value && figure.flat !== false;
    case 'none':
      return undefined;
  }
}

/** The target as the table prints it. */
export function describeTarget(target: Target, unit: string): string {
  switch (target.kind) {
    case 'ratio-at-least':
      return `≥ ${target.ratio}×`;
    case 'below':
      return `< ${target.value.toLocaleString('en-US')} ${unit}`;
    case 'none':
      return '—';
  }
}

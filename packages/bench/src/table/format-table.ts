import type { Figure, RowFailure, RowResult, Target } from './bench-row';
import { describeTarget } from './targets';

/** A figure as the table prints it: rates as whole numbers, small times with decimals. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = unit.endsWith('/s') || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

const figureText = (figure: Figure | undefined, unit: string): string =>
  figure === undefined ? '—' : `${formatValue(figure.value, unit)}${figure.of === 'peak' ? ' (peak)' : ''}`;

/** The ratio to two decimals, or three when two would round a miss up to the target (0.797 is not 0.80). */
export function formatRatio(ratio: number, target: Target): string {
  const hidesMiss =
    target.kind === 'ratio-at-least' && ratio < target.ratio && Number(ratio.toFixed(2)) >= target.ratio;
  const digits = hidesMiss ? 3 : 2;
  return `${ratio.toFixed(digits)}×`;
}

const verdict = (met: boolean | undefined): string => (met === undefined ? '—' : met ? 'yes' : '**no**');

/** The whole table as markdown, one line per row, then each row's note. */
export function formatTable(rows: readonly RowResult[], failures: readonly RowFailure[] = []): string {
  const lines = [
    '| operation | size | ours (median) | baseline (median) | ours / baseline | target | met? |',
    '| --- | ---: | ---: | ---: | ---: | ---: | :---: |',
  ];
  for (const row of rows) {
    const ratio = row.ratio === undefined ? '—' : formatRatio(row.ratio, row.target);
    lines.push(
      `| ${row.operation} | ${row.size} | ${figureText(row.ours, row.unit)} | ${figureText(row.baseline, row.unit)} | ${ratio} | ${describeTarget(row.target, row.unit)} | ${verdict(row.met)} |`,
    );
  }
  for (const failure of failures) {
    lines.push(`| ${failure.operation} | — | not measured | — | — | — | **failed** |`);
  }
  const notes = [
    ...rows.flatMap((row) => (row.note === undefined ? [] : [`- ${row.operation}: ${row.note}`])),
    ...failures.map((failure) => `- ${failure.operation}: not measured: ${failure.error}`),
  ];
  return notes.length === 0 ? lines.join('\n') : `${lines.join('\n')}\n\n${notes.join('\n')}`;
}

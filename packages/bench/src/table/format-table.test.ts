import { describe, expect, it } from 'vitest';
import { formatRatio, formatTable, formatValue } from './format-table';
import { rateRow } from './make-row';

describe('formatValue', () => {
  it('prints rates whole, and small times with decimals', () => {
    expect(formatValue(22643.4, 'events/s')).toBe('22,643 events/s');
    expect(formatValue(4.256, 'ms')).toBe('4.26 ms');
    expect(formatValue(42.25, 'ms')).toBe('42.3 ms');
    expect(formatValue(1234.5, 'ms')).toBe('1,235 ms');
  });
});

describe('formatRatio', () => {
  it('shows a third decimal when two would round a miss up to the target', () => {
    const target = { kind: 'ratio-at-least', ratio: 0.8 } as const;
    expect(formatRatio(0.7996, target)).toBe('0.800×');
    expect(formatRatio(0.7949, target)).toBe('0.79×');
    expect(formatRatio(0.8, target)).toBe('0.80×');
    expect(formatRatio(0.7996, { kind: 'none' })).toBe('0.80×');
  });
});

describe('formatTable', () => {
  it('prints one line per row, the failures as not measured, then the notes', () => {
    const row = rateRow(
      { id: 'sqlite.append.single', operation: 'SQLite single', note: 'alternating' },
      { name: 'x', unit: 'events', count: 100, ours: [1000], baseline: [500] },
    );
    const lines = formatTable(
      [row],
      [{ id: 'postgres.import', operation: 'PostgreSQL import', error: 'no server' }],
    ).split('\n');
    expect(lines[2]).toBe('| SQLite single | 100 events | 100 events/s | 200 events/s | 0.50× | ≥ 0.8× | **no** |');
    expect(lines[3]).toBe('| PostgreSQL import | — | not measured | — | — | — | **failed** |');
    expect(lines.slice(5)).toEqual(['- SQLite single: alternating', '- PostgreSQL import: not measured: no server']);
  });
});

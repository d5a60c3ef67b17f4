import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJsonl, paid, placed, refunded } from './testing/hand-written-history';
import { jsonOf, newWorkFolder, runCli } from './testing/run-cli';

/**
 * A small history written by hand, and its revenue worked out by hand below (not by the code
 * under test): two currencies, a payment on 31 December that falls in ISO week 2026-W01, a late
 * Sunday payment, refunds in the week after their payment.
 */
const history = asJsonl([
  placed('D', '2025-12-31T10:00:00Z', 1500),
  paid('D', '2025-12-31T10:05:00Z', 1500),
  placed('A', '2026-01-05T09:00:00Z', 5000),
  paid('A', '2026-01-05T09:10:00Z', 5000),
  placed('B', '2026-01-11T18:00:00Z', 3000),
  paid('B', '2026-01-11T23:30:00Z', 3000),
  refunded('A', '2026-01-12T08:00:00Z', 1000),
  placed('C', '2026-01-30T12:00:00Z', 2000, 'USD'),
  paid('C', '2026-02-01T12:00:00Z', 2000, 'USD'),
  refunded('C', '2026-02-02T09:00:00Z', 2000, 'USD'),
]);

const row = (
  period: string,
  from: string,
  to: string,
  currency: string,
  [gross, refundedAmount, payments, refunds]: [number, number, number, number],
) => ({ period, from, to, currency, gross, refunded: refundedAmount, net: gross - refundedAmount, payments, refunds });

const weeks = [
  row('2026-W06', '2026-02-02', '2026-02-08', 'USD', [0, 2000, 0, 1]),
  row('2026-W05', '2026-01-26', '2026-02-01', 'USD', [2000, 0, 1, 0]),
  row('2026-W03', '2026-01-12', '2026-01-18', 'EUR', [0, 1000, 0, 1]),
  row('2026-W02', '2026-01-05', '2026-01-11', 'EUR', [8000, 0, 2, 0]),
  row('2026-W01', '2025-12-29', '2026-01-04', 'EUR', [1500, 0, 1, 0]),
];
const months = [
  row('2026-02', '2026-02-01', '2026-02-28', 'USD', [2000, 2000, 1, 1]),
  row('2026-01', '2026-01-01', '2026-01-31', 'EUR', [8000, 1000, 2, 1]),
  row('2025-12', '2025-12-01', '2025-12-31', 'EUR', [1500, 0, 1, 0]),
];

describe('order-ledger report revenue', () => {
  const work = newWorkFolder();
  const store = ['--store', 'sqlite:./revenue.db'];
  const cli = (...args: string[]) => runCli(work, ...args);
  beforeAll(() => {
    writeFileSync(join(work, 'revenue.jsonl'), history);
    expect(cli('import', 'revenue.jsonl', ...store).code).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives gross, refunded and net by ISO week and by month, per currency, as worked out by hand', () => {
    const revenue = jsonOf<{ weeks: unknown[]; months: unknown[]; currencies: string[] }>(
      cli('report', 'revenue', ...store, '--json'),
    );
    expect(revenue.currencies).toEqual(['EUR', 'USD']);
    expect(revenue.weeks).toEqual(weeks);
    expect(revenue.months).toEqual(months);
  });

  it('counts only what had happened by --as-of, and the same from an exported file', () => {
    const january = jsonOf<{ weeks: unknown[]; months: unknown[] }>(
      cli('report', 'revenue', ...store, '--json', '--as-of', '2026-01-31'),
    );
    expect(january.weeks).toEqual([
      row('2026-W03', '2026-01-12', '2026-01-18', 'EUR', [0, 1000, 0, 1]),
      row('2026-W02', '2026-01-05', '2026-01-11', 'EUR', [8000, 0, 2, 0]),
      row('2026-W01', '2025-12-29', '2026-01-04', 'EUR', [1500, 0, 1, 0]),
    ]);
    expect(january.months).toEqual(months.slice(1));
    expect(jsonOf(cli('report', 'revenue', '--store', 'jsonl:./revenue.jsonl', '--json'))).toEqual(
      jsonOf(cli('report', 'revenue', ...store, '--json')),
    );
  });

  it('prints amounts with their currency, never added across currencies, and says what a cut list left out', () => {
    const text = cli('report', 'revenue', ...store, '--limit', '2');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^2026-W06 +02-02 to 02-08 +USD 0\.00 +USD 20\.00 +USD -20\.00$/m);
    expect(text.stdout).toContain('… and 3 more (--limit N or --all shows them)');
    expect(text.stdout).toContain('… and 1 more (--limit N or --all shows them)');
    const all = cli('report', 'revenue', ...store, '--all');
    expect(all.stdout).toMatch(/^2025-12 +12-01 to 12-31 +EUR 15\.00 +EUR 0\.00 +EUR 15\.00$/m);
    expect(all.stdout).not.toContain('more (--limit');
  });

  it('is in the weekly sweep: the week and month of --as-of and the one before each', () => {
    const sweep = jsonOf<{ revenue: { weeks: unknown[]; months: unknown[] } }>(
      cli('report', 'sweep', ...store, '--json', '--as-of', '2026-01-14'),
    );
    expect(sweep.revenue).toEqual({
      weeks: [weeks[2], weeks[3]],
      months: [months[1], months[2]],
    });
    const text = cli('report', 'sweep', ...store, '--as-of', '2026-01-14').stdout;
    expect(text).toContain('Money, this week and last, this month and last:');
    expect(text).toContain('EUR 70.00');
  });
});

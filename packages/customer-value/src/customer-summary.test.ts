import { describe, expect, it } from 'vitest';
import { dayNumber, type Purchase, summarizeCustomers } from './customer-summary';

const buy = (customerId: string, day: string, spend: number): Purchase => ({ customerId, day, spend });

describe('dayNumber', () => {
  it('counts whole days from 1970-01-01, across leap days and DST changes alike', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2023-03-01') - dayNumber('2023-02-28')).toBe(1);
    // Europe's and America's clock changes fall inside these spans: still whole days.
    expect(dayNumber('2026-03-30') - dayNumber('2026-03-28')).toBe(2);
    expect(dayNumber('2026-11-02') - dayNumber('2026-10-31')).toBe(2);
    expect(dayNumber('1997-09-30') - dayNumber('1997-01-01')).toBe(272);
  });

  it('refuses anything but a real calendar day', () => {
    for (const day of ['2026-02-30', '2026-13-01', '2026-1-5', '2026-01-05T00:00:00Z', '', '05/01/2026']) {
      expect(() => dayNumber(day)).toThrow(expect.objectContaining({ code: 'CUSTOMER_VALUE_INVALID_DAY' }));
    }
  });
});

describe('summarizeCustomers', () => {
  const purchases = [
    buy('ann', '2026-01-01', 30),
    buy('ann', '2026-01-01', 10), // same day: one purchase of 40
    buy('ann', '2026-01-08', 20),
    buy('ann', '2026-01-15', 25),
    buy('ann', '2026-01-15', 5), // same day: 30
    buy('ann', '2026-03-01', 99), // after as-of: ignored
    buy('bob', '2026-01-20', 12),
    buy('cat', '2026-01-03', 50),
    buy('cat', '2026-01-10', 15),
    buy('cat', '2026-01-10', -15), // fully refunded day
    buy('dan', '2026-02-05', 9), // first purchase after as-of: not a customer yet
  ];

  it('counts repeat purchase days, recency, age and mean repeat spend in days', () => {
    const summaries = summarizeCustomers(purchases, { asOf: '2026-01-29', unit: 'days' });
    expect(summaries).toEqual([
      { customerId: 'ann', x: 2, tx: 14, T: 28, meanSpend: 25, firstDay: '2026-01-01', lastDay: '2026-01-15' },
      { customerId: 'bob', x: 0, tx: 0, T: 9, meanSpend: null, firstDay: '2026-01-20', lastDay: '2026-01-20' },
      { customerId: 'cat', x: 0, tx: 0, T: 26, meanSpend: null, firstDay: '2026-01-03', lastDay: '2026-01-03' },
    ]);
  });

  it('gives weeks as days / 7', () => {
    const [ann] = summarizeCustomers(purchases, { asOf: '2026-01-29', unit: 'weeks' });
    expect(ann).toMatchObject({ x: 2, tx: 2, T: 4 });
    const [, bob] = summarizeCustomers(purchases, { asOf: '2026-01-29', unit: 'weeks' });
    expect(bob?.T).toBeCloseTo(9 / 7, 15);
  });

  it('counts a non-positive day only when asked to', () => {
    const included = summarizeCustomers(purchases, {
      asOf: '2026-01-29',
      unit: 'days',
      nonPositiveSpendDays: 'include',
    });
    expect(included.find((summary) => summary.customerId === 'cat')).toMatchObject({ x: 1, tx: 7, meanSpend: 0 });
    const onlyRefunded = [buy('eve', '2026-01-05', 20), buy('eve', '2026-01-05', -20)];
    expect(summarizeCustomers(onlyRefunded, { asOf: '2026-01-29', unit: 'days' })).toEqual([]);
  });

  it('includes purchases on the as-of day itself', () => {
    const [ann] = summarizeCustomers(purchases, { asOf: '2026-01-15', unit: 'days' });
    expect(ann).toMatchObject({ x: 2, tx: 14, T: 14 });
  });

  it('refuses bad days, spends and ids', () => {
    const invalid = expect.objectContaining({ code: 'CUSTOMER_VALUE_INVALID_INPUT' });
    expect(() =>
      summarizeCustomers([buy('ann', '2026-01-01', Number.NaN)], { asOf: '2026-01-02', unit: 'days' }),
    ).toThrow(invalid);
    expect(() => summarizeCustomers([buy('', '2026-01-01', 1)], { asOf: '2026-01-02', unit: 'days' })).toThrow(invalid);
    expect(() => summarizeCustomers([buy('ann', '2026-1-1', 1)], { asOf: '2026-01-02', unit: 'days' })).toThrow(
      /calendar day/,
    );
    expect(() => summarizeCustomers([], { asOf: 'yesterday', unit: 'days' })).toThrow(/calendar day/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseAsOf, parseWholeNumber } from './history';

describe('reading dates and numbers from the command line', () => {
  it('takes a day as its last moment in UTC, and an instant as it is', () => {
    expect(parseAsOf('2026-03-31')?.toISOString()).toBe('2026-03-31T23:59:59.999Z');
    expect(parseAsOf('2028-02-29')?.toISOString()).toBe('2028-02-29T23:59:59.999Z');
    expect(parseAsOf('2026-03-31T17:00:00Z')?.toISOString()).toBe('2026-03-31T17:00:00.000Z');
    expect(parseAsOf('2026-03-31T17:00:00+02:00')?.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(parseAsOf(undefined)).toBeUndefined();
  });

  it('refuses a day that does not exist instead of rolling it into the next month', () => {
    for (const value of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', 'yesterday', '31/03/2026']) {
      expect(() => parseAsOf(value), value).toThrow(`--as-of "${value}" is not a date`);
    }
  });

  it('reads whole numbers strictly', () => {
    expect(parseWholeNumber('--seed', '7', 0)).toBe(7);
    expect(parseWholeNumber('--seed', '0', 0)).toBe(0);
    for (const value of ['abc', '1.5', '12x', '', '-1']) {
      expect(() => parseWholeNumber('--seed', value, 0), value).toThrow('--seed takes a whole number of at least 0');
    }
  });
});

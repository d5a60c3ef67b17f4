import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import { currencyExponent, knownCurrencyCodes } from './currencies';
import { add, compare, formatMoney, money, multiply, subtract, sum } from './money';

const eur = (amount: number) => money(amount, 'EUR');

describe('money arithmetic', () => {
  it('adds, subtracts and multiplies in minor units', () => {
    expect(add(eur(1250), eur(50))).toEqual(eur(1300));
    expect(subtract(eur(1000), eur(1250))).toEqual(eur(-250));
    expect(multiply(eur(1800), 3)).toEqual(eur(5400));
    expect(sum([eur(1), eur(2), eur(3)], 'EUR')).toEqual(eur(6));
    expect(sum([], 'JPY')).toEqual(money(0, 'JPY'));
  });

  it('refuses mixed currencies with a typed error', () => {
    expect(() => add(eur(1), money(1, 'USD'))).toThrow(expect.objectContaining({ code: 'MONEY_CURRENCY_MISMATCH' }));
    expect(() => compare(eur(1), money(1, 'GBP'))).toThrow(/EUR with GBP/);
  });

  it('refuses fractions of a minor unit and unsafe integers', () => {
    expect(() => money(12.5, 'EUR')).toThrow(expect.objectContaining({ code: 'MONEY_NOT_AN_INTEGER' }));
    expect(() => multiply(eur(100), 1.5)).toThrow(expect.objectContaining({ code: 'MONEY_NOT_AN_INTEGER' }));
    expect(() => money(2 ** 53, 'EUR')).toThrow(expect.objectContaining({ code: 'MONEY_UNSAFE_INTEGER' }));
    expect(() => add(eur(Number.MAX_SAFE_INTEGER), eur(1))).toThrow(
      expect.objectContaining({ code: 'MONEY_UNSAFE_INTEGER' }),
    );
    expect(() => multiply(eur(2 ** 40), 2 ** 20)).toThrow(expect.objectContaining({ code: 'MONEY_UNSAFE_INTEGER' }));
  });

  it('refuses currencies that are not ISO 4217', () => {
    expect(() => money(1, 'EUD')).toThrow(expect.objectContaining({ code: 'MONEY_UNKNOWN_CURRENCY' }));
    expect(() => money(1, 'eur')).toThrow(/not an ISO 4217/);
  });

  it('formats with the currency exponent', () => {
    expect(formatMoney(eur(1250))).toBe('EUR 12.50');
    expect(formatMoney(eur(-5))).toBe('EUR -0.05');
    expect(formatMoney(money(1234, 'JPY'))).toBe('JPY 1234');
    expect(formatMoney(money(1234, 'KWD'))).toBe('KWD 1.234');
    expect(currencyExponent('CLF')).toBe(4);
    expect(knownCurrencyCodes.length).toBeGreaterThan(150);
  });
});

describe('allocate', () => {
  it('splits by largest remainder, earliest first on a tie', () => {
    expect(allocate(eur(100), [1, 1, 1]).map((share) => share.amount)).toEqual([34, 33, 33]);
    expect(allocate(eur(1000), [3600, 450, 400]).map((share) => share.amount)).toEqual([809, 101, 90]);
    expect(allocate(eur(5), [0, 1]).map((share) => share.amount)).toEqual([0, 5]);
    expect(allocate(eur(-100), [1, 1, 1]).map((share) => share.amount)).toEqual([-34, -33, -33]);
  });

  it('refuses ratios it cannot use', () => {
    expect(() => allocate(eur(1), [])).toThrow(expect.objectContaining({ code: 'MONEY_INVALID_RATIOS' }));
    expect(() => allocate(eur(1), [0, 0])).toThrow(expect.objectContaining({ code: 'MONEY_INVALID_RATIOS' }));
    expect(() => allocate(eur(1), [1, -1])).toThrow(/ratio 1/);
    expect(() => allocate(eur(1), [0.5, 1])).toThrow(expect.objectContaining({ code: 'MONEY_INVALID_RATIOS' }));
  });

  const wholes = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
  const ratios = fc
    .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
    .filter((list) => list.some((ratio) => ratio > 0));

  it('law: an allocation sums exactly to its whole', () => {
    fc.assert(
      fc.property(wholes, ratios, (whole, list) => {
        const shares = allocate(eur(whole), list);
        expect(shares.reduce((acc, share) => acc + share.amount, 0)).toBe(whole);
        expect(shares.every((share) => share.currency === 'EUR')).toBe(true);
      }),
    );
  });

  it('law: no share is negative for a non-negative whole', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000_000 }), ratios, (whole, list) => {
        for (const share of allocate(eur(whole), list)) expect(share.amount).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('law: each share is within one minor unit of its exact part', () => {
    fc.assert(
      fc.property(wholes, ratios, (whole, list) => {
        const total = list.reduce((acc, ratio) => acc + ratio, 0);
        for (const [index, share] of allocate(eur(whole), list).entries()) {
          const exact = (whole * (list[index] ?? 0)) / total;
          expect(Math.abs(share.amount - exact)).toBeLessThan(1 + 1e-9);
        }
      }),
    );
  });

  it('law: a zero ratio never gets a unit', () => {
    fc.assert(
      fc.property(wholes, ratios, (whole, list) => {
        for (const [index, share] of allocate(eur(whole), list).entries()) {
          if (list[index] === 0) expect(share.amount).toBe(0);
        }
      }),
    );
  });
});

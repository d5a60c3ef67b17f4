import { describe, expect, it } from 'vitest';
import { expectedPurchases } from './bg-nbd';
import { customerLifetimeValue } from './clv';
import { expectedMeanSpend } from './gamma-gamma';

const bgNbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gammaGamma = { p: 6.25, q: 3.74, gamma: 15.44 };
const regular = { x: 2, tx: 30.43, T: 38.86, meanSpend: 22.35 };

describe('customerLifetimeValue', () => {
  it('matches a case worked by hand', () => {
    // BG/NBD (3, 2, 2, 2) with x = 1, t_x = 2, T = 5 has E[X(t)] = 4 · t/(7 + t) / D, D = 2657/256
    // (see bg-nbd.test.ts); Gamma-Gamma (2, 3, 4) with x = 1, z̄ = 10 has E[M] = 2 · 14 / 4 = 7.
    const d = 2657 / 256;
    const e1 = (4 * (1 / 8)) / d;
    const e2 = (4 * (2 / 9)) / d;
    const value = customerLifetimeValue(
      { r: 3, alpha: 2, a: 2, b: 2 },
      { p: 2, q: 3, gamma: 4 },
      { x: 1, tx: 2, T: 5, meanSpend: 10 },
      { horizon: 2, discountRate: 0.1 },
    );
    expect(value).toBeCloseTo(7 * (e1 / 1.1 + (e2 - e1) / 1.21), 13);
  });

  it('telescopes to E[M] · E[X(H)] without discounting', () => {
    const value = customerLifetimeValue(bgNbd, gammaGamma, regular, { horizon: 52, discountRate: 0 });
    const expected = expectedMeanSpend(gammaGamma, 2, 22.35) * expectedPurchases(bgNbd, 52, 2, 30.43, 38.86);
    expect(value).toBeCloseTo(expected, 10);
  });

  it('counts periods of periodLength units', () => {
    const weekly = customerLifetimeValue(bgNbd, gammaGamma, regular, { horizon: 4, discountRate: 0 });
    const fortnightly = customerLifetimeValue(bgNbd, gammaGamma, regular, {
      horizon: 2,
      discountRate: 0,
      periodLength: 2,
    });
    expect(fortnightly).toBeCloseTo(weekly, 12);
  });

  it('grows with the horizon, shrinks with the discount rate, and is 0 for H = 0', () => {
    const at = (horizon: number, discountRate: number) =>
      customerLifetimeValue(bgNbd, gammaGamma, regular, { horizon, discountRate });
    expect(at(0, 0.01)).toBe(0);
    expect(at(26, 0.01)).toBeGreaterThan(at(13, 0.01));
    expect(at(26, 0.02)).toBeLessThan(at(26, 0.01));
    // A customer without repeat purchases is valued at the population's mean spend.
    const newcomer = customerLifetimeValue(
      bgNbd,
      gammaGamma,
      { x: 0, tx: 0, T: 30, meanSpend: null },
      {
        horizon: 52,
        discountRate: 0,
      },
    );
    expect(newcomer).toBeCloseTo(expectedMeanSpend(gammaGamma, 0, null) * expectedPurchases(bgNbd, 52, 0, 0, 30), 10);
  });

  it('refuses a bad horizon, discount rate or period length', () => {
    const invalid = expect.objectContaining({ code: 'CUSTOMER_VALUE_INVALID_INPUT' });
    const value = (options: { horizon: number; discountRate: number; periodLength?: number }) => () =>
      customerLifetimeValue(bgNbd, gammaGamma, regular, options);
    expect(value({ horizon: 1.5, discountRate: 0 })).toThrow(invalid);
    expect(value({ horizon: -1, discountRate: 0 })).toThrow(invalid);
    expect(value({ horizon: 4, discountRate: -1 })).toThrow(invalid);
    expect(value({ horizon: 4, discountRate: 0, periodLength: 0 })).toThrow(invalid);
  });
});

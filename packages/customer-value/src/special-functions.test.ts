import { describe, expect, it } from 'vitest';
import { hyp2f1, hyp2f1ExcessPerB, lnBeta, lnGamma, logSumExp } from './special-functions';

/** |actual − expected| ≤ tolerance · max(1, |expected|): relative away from 0, absolute near it. */
function expectClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('lnGamma', () => {
  it('matches ln((n − 1)!) summed from logs for n = 1 … 170', () => {
    let lnFactorial = 0;
    for (let n = 1; n <= 170; n += 1) {
      if (n > 1) lnFactorial += Math.log(n - 1);
      expectClose(lnGamma(n), lnFactorial, 1e-13);
    }
  });

  it('matches reference values (mpmath at 30 digits, rounded to double) on both branches and the reflection', () => {
    const reference: [number, number][] = [
      [0.001, 6.907178885383853],
      [0.1, 2.252712651734206],
      [0.243, 1.3180435846996699],
      [0.5, 0.5723649429247001],
      [0.793, 0.1588713302863652],
      [1.5, -0.12078223763524522],
      [2.426, 0.23400811688731613],
      [3.7, 1.4280723266653879],
      [9.99, 12.779315214350193],
      [10.01, 12.824350262448247],
      [25.5, 56.389167643719944],
      [171.3, 708.1149470389968],
      [1e6, 12815504.569147611],
    ];
    for (const [x, expected] of reference) expectClose(lnGamma(x), expected, 1e-14);
    expectClose(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
  });

  it('keeps Γ(x + 1) = x Γ(x) across the branch boundaries', () => {
    for (const x of [0.2, 0.4999, 0.5, 0.7, 8.9, 9.5, 9.999, 10, 10.5, 55.5]) {
      expectClose(lnGamma(x + 1) - lnGamma(x), Math.log(x), 2e-14);
    }
  });

  it('refuses x ≤ 0 and non-finite x', () => {
    for (const x of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => lnGamma(x)).toThrow(expect.objectContaining({ code: 'CUSTOMER_VALUE_INVALID_PARAMETER' }));
    }
  });
});

describe('lnBeta and logSumExp', () => {
  it('lnBeta matches closed forms', () => {
    expectClose(lnBeta(2, 3), Math.log(1 / 12), 1e-14);
    expectClose(lnBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
    expectClose(lnBeta(1, 7.25), -Math.log(7.25), 1e-14);
  });

  it('logSumExp neither overflows nor underflows', () => {
    expectClose(logSumExp(1000, 1000), 1000 + Math.LN2, 1e-15);
    expectClose(logSumExp(-1000, -1001), -1000 + Math.log1p(Math.exp(-1)), 1e-15);
    expect(logSumExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logSumExp(3, Number.NEGATIVE_INFINITY)).toBe(3);
    expectClose(logSumExp(Math.log(2), Math.log(3)), Math.log(5), 1e-15);
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      expectClose(hyp2f1(1, 1, 2, z), z === 0 ? 1 : -Math.log1p(-z) / z, 1e-13);
      expectClose(hyp2f1(2.7, 1.3, 1.3, z), (1 - z) ** -2.7, 1e-13);
      const root = Math.sqrt(z);
      expectClose(hyp2f1(0.5, 0.5, 1.5, z), z === 0 ? 1 : Math.asin(root) / root, 1e-13);
    }
  });

  it('stops exactly on a terminating series and matches reference values', () => {
    // 1 − (3·2/4)·0.7 + (3·2·2·3/(4·5·2))·0.49 − (3·2·1·2·3·4/(4·5·6·6))·0.343, by hand.
    expectClose(hyp2f1(-3, 2, 4, 0.7), 0.3224, 1e-14);
    // Early ratios far above 1 (a, b ≫ c): mpmath at 30 digits, rounded to double.
    expectClose(hyp2f1(10, 20, 5, 0.3), 120483.50668326473, 1e-13);
    expectClose(hyp2f1(1.5, 2.5, 3.5, 0.9), 8.305412172132218, 1e-13);
  });

  it('refuses z outside [0, 1) and c a non-positive integer; throws when it cannot converge', () => {
    const invalid = expect.objectContaining({ code: 'CUSTOMER_VALUE_INVALID_PARAMETER' });
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(invalid);
    expect(() => hyp2f1(1, 1, 2, -0.1)).toThrow(invalid);
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrow(invalid);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(invalid);
    expect(() => hyp2f1(1, 1, 2, 0.999, { maxTerms: 50 })).toThrow(
      expect.objectContaining({ code: 'CUSTOMER_VALUE_SERIES_NOT_CONVERGED' }),
    );
  });
});

describe('hyp2f1ExcessPerB', () => {
  it('equals (₂F₁ − 1)/b away from b = 0', () => {
    for (const b of [-0.2, 0.5, 3]) {
      expectClose(hyp2f1ExcessPerB(1.7, b, 2.9, 0.6), (hyp2f1(1.7, b, 2.9, 0.6) - 1) / b, 1e-12);
    }
  });

  it('stays exact at b = 0, where it is Σ (a)ₖ/((c)ₖ k) zᵏ: −ln(1 − z) when a = c', () => {
    for (const z of [0, 0.3, 0.9]) expectClose(hyp2f1ExcessPerB(2.5, 0, 2.5, z), -Math.log1p(-z), 1e-14);
  });

  it('converges at once when a is large and close to c and b is near −1 (a long CLV horizon on a degenerate fit)', () => {
    // Every term past k = 1 carries (b + 1) ≈ 4e-8 and then vanishes; the sum is the k = 1 term,
    // a·z/c, plus a correction of order (b + 1).
    const [a, b, c, z] = [5567.58, -0.99999996, 5568.61, 0.949];
    const value = hyp2f1ExcessPerB(a, b, c, z);
    expect(Math.abs(value - (a * z) / c)).toBeLessThan(1e-6);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type BgNbdParams,
  bgnbdLogLikelihood,
  compressBgNbdData,
  expectedPurchases,
  expectedPurchasesNewCustomer,
  fitBgNbd,
  probabilityAlive,
} from './bg-nbd';
import { hyp2f1 } from './special-functions';
import { simulateCustomers } from './testing/simulate';

const published: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/**
 * ln L by the paper's product form, without any ln Γ: for integer x,
 * Γ(r + x)/Γ(r) = r(r + 1)…(r + x − 1) and B(a, b + x)/B(a, b) = Π_{j<x} (b + j)/(a + b + j).
 * The bracket is factored by (α + t_x)^−(r+x) so that it stays representable for large x.
 */
function handLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  let sum = r * Math.log(alpha);
  for (let j = 0; j < x; j += 1) sum += Math.log(r + j) + Math.log(b + j) - Math.log(a + b + j);
  const ratio = ((alpha + tx) / (alpha + T)) ** (r + x);
  const bracket = x > 0 ? ratio + a / (b + x - 1) : ratio;
  return sum - (r + x) * Math.log(alpha + tx) + Math.log(bracket);
}

describe('bgnbdLogLikelihood', () => {
  it('matches small cases worked by hand', () => {
    // x = 0: only A1 + A3 remain, r ln α − r ln(α + T).
    const single = bgnbdLogLikelihood({ r: 0.5, alpha: 2, a: 1.5, b: 3 }, [{ x: 0, tx: 0, T: 5 }]);
    expect(single).toBeCloseTo(0.5 * Math.log(2) - 0.5 * Math.log(7), 14);
    // r = 2, α = 1, a = 2, b = 3, x = 2, t_x = 3, T = 5: Γ(4)/Γ(2) = 3!/1! = 6,
    // B(2, 5)/B(2, 3) = (1!4!/6!)/(1!2!/4!) = 0.4, L = 6 · 0.4 · (6⁻⁴ + 2/4 · 4⁻⁴).
    const worked = bgnbdLogLikelihood({ r: 2, alpha: 1, a: 2, b: 3 }, [{ x: 2, tx: 3, T: 5 }]);
    expect(worked).toBeCloseTo(Math.log(6 * 0.4 * (6 ** -4 + 0.5 * 4 ** -4)), 13);
  });

  it('matches the product form for real parameters, summed over customers', () => {
    const customers = [
      { x: 0, tx: 0, T: 38.86 },
      { x: 1, tx: 1.71, T: 38.86 },
      { x: 2, tx: 30.43, T: 38.86 },
      { x: 7, tx: 29.43, T: 38.86 },
      { x: 29, tx: 37.71, T: 38 },
    ];
    const hand = customers.reduce((sum, { x, tx, T }) => sum + handLogLikelihood(published, x, tx, T), 0);
    expectRelative(bgnbdLogLikelihood(published, customers), hand, 1e-13);
  });

  it('stays finite and exact for very frequent buyers, where the plain product underflows', () => {
    expect((52 + published.alpha) ** -(published.r + 400)).toBe(0);
    const value = bgnbdLogLikelihood(published, [{ x: 400, tx: 51.5, T: 52 }]);
    expect(Number.isFinite(value)).toBe(true);
    expectRelative(value, handLogLikelihood(published, 400, 51.5, 52), 1e-12);
  });

  it('counts a weight as that many copies, and compression changes nothing', () => {
    const customers = [
      { x: 1, tx: 2, T: 10 },
      { x: 1, tx: 2, T: 10 },
      { x: 0, tx: 0, T: 10 },
      { x: 0, tx: 0, T: 10 },
      { x: 0, tx: 0, T: 10 },
    ];
    const compressed = compressBgNbdData(customers);
    expect(compressed).toEqual([
      { x: 1, tx: 2, T: 10, weight: 2 },
      { x: 0, tx: 0, T: 10, weight: 3 },
    ]);
    expectRelative(bgnbdLogLikelihood(published, compressed), bgnbdLogLikelihood(published, customers), 1e-14);
  });

  it('refuses impossible histories and parameters', () => {
    const invalid = expect.objectContaining({ code: 'CUSTOMER_VALUE_INVALID_INPUT' });
    expect(() => bgnbdLogLikelihood(published, [{ x: 1.5, tx: 1, T: 2 }])).toThrow(invalid);
    expect(() => bgnbdLogLikelihood(published, [{ x: 1, tx: 3, T: 2 }])).toThrow(invalid);
    expect(() => bgnbdLogLikelihood({ ...published, a: 0 }, [{ x: 1, tx: 1, T: 2 }])).toThrow(
      expect.objectContaining({ code: 'CUSTOMER_VALUE_INVALID_PARAMETER' }),
    );
    expect(() => fitBgNbd([])).toThrow(expect.objectContaining({ code: 'CUSTOMER_VALUE_EMPTY_DATA' }));
  });
});

describe('probabilityAlive', () => {
  it('matches values worked by hand', () => {
    // a/(b + x − 1) = 1/2, ((α + T)/(α + t_x))^(r + x) = (4/2)² = 4: P = 1/(1 + 2).
    expect(probabilityAlive({ r: 1, alpha: 1, a: 1, b: 2 }, 1, 1, 3)).toBeCloseTo(1 / 3, 15);
    // Bought on the last day: the power is 1, P = 1/(1 + a/(b + x − 1)) = 1/(1 + 1/3).
    expect(probabilityAlive({ r: 1, alpha: 1, a: 1, b: 2 }, 2, 5, 5)).toBeCloseTo(0.75, 15);
    expect(probabilityAlive(published, 0, 0, 38.86)).toBe(1);
  });

  it('neither overflows nor returns NaN for a long silence after many purchases', () => {
    const p = probabilityAlive(published, 300, 1, 100);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
  });
});

/** The notes' formula as printed, with ₂F₁ summed directly (no Euler transformation). */
function printedFormula(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const alive = x > 0 ? 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 1;
  return (((a + b + x - 1) / (a - 1)) * bracket) / alive;
}

describe('expectedPurchases', () => {
  it('reproduces the published check: E[X(39) | x = 2, t_x = 30.43, T = 38.86] ≈ 1.226', () => {
    expect(expectedPurchases(published, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it('matches a case worked by hand, where ₂F₁ has a closed form', () => {
    // r = a + b − 1 makes ₂F₁(r + x, b + x; r + x; z) = (1 − z)^−(b + x), so E = (a + b + x − 1)·z / D for a = 2:
    // z = 4/11, numerator 4 · 4/11, D = 1 + 2/2 · (7/4)⁴ = 2657/256, E = 4096/29227.
    const params = { r: 3, alpha: 2, a: 2, b: 2 };
    expect(expectedPurchases(params, 4, 1, 2, 5)).toBeCloseTo(4096 / 29227, 14);
    // New customer, same trick: E = (a + b − 1)·t/(α + t) = 3 · 4/6.
    expect(expectedPurchasesNewCustomer(params, 4)).toBeCloseTo(2, 14);
  });

  it('agrees with the printed formula summed directly', () => {
    const cases: [BgNbdParams, number, number, number, number][] = [
      [published, 39, 2, 30.43, 38.86],
      [published, 52, 0, 0, 20],
      [published, 10, 12, 35, 38],
      [{ r: 1.2, alpha: 30, a: 2.5, b: 8 }, 365, 4, 200, 300],
      [{ r: 0.5, alpha: 3, a: 0.4, b: 0.9 }, 26, 1, 2, 30],
      [{ r: 0.8, alpha: 5, a: 1.3, b: 3 }, 78, 60, 50, 52],
    ];
    for (const [params, t, x, tx, T] of cases) {
      expectRelative(expectedPurchases(params, t, x, tx, T), printedFormula(params, t, x, tx, T), 1e-10);
    }
  });

  it('is continuous through a = 1, where the printed formula is 0/0', () => {
    const at = (a: number) => expectedPurchases({ ...published, a }, 39, 3, 20, 38);
    const step = 1e-4;
    expectRelative(at(1), (printedFormula({ ...published, a: 1 + step }, 39, 3, 20, 38) + at(1 - step)) / 2, 1e-7);
    expect(Number.isFinite(expectedPurchasesNewCustomer({ ...published, a: 1 }, 52))).toBe(true);
  });

  it('starts at 0, grows with t, and treats a new customer as x = t_x = T = 0', () => {
    expect(expectedPurchases(published, 0, 2, 30.43, 38.86)).toBe(0);
    let previous = 0;
    for (const t of [1, 5, 20, 52, 104, 520]) {
      const value = expectedPurchases(published, t, 2, 30.43, 38.86);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
    expect(expectedPurchasesNewCustomer(published, 39)).toBeCloseTo(expectedPurchases(published, 39, 0, 0, 0), 14);
    expect(() => expectedPurchases(published, -1, 0, 0, 1)).toThrow(/horizon/);
  });
});

describe('fitBgNbd', () => {
  it('recovers the parameters of 5,000 simulated customers', () => {
    // Run-to-run rms error of the estimates at this size (70 seeds): r 3%, α 4%, a 9%, b 11%, while
    // the mean dropout a/(a + b) and mean rate r/α are within 2%: a and b trade off against each other.
    // Tolerances are about 3 rms: r, α 15%; a, b 30%; a/(a + b), r/α 7%.
    const truth = { r: 1, alpha: 10, a: 2, b: 6 };
    const customers = simulateCustomers(truth, 5000, (random) => 52 + 52 * random(), 20260701);
    const fit = fitBgNbd(customers);
    const { r, alpha, a, b } = fit.params;
    expect(fit.converged).toBe(true);
    expect(Math.abs(r / truth.r - 1)).toBeLessThan(0.15);
    expect(Math.abs(alpha / truth.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(a / truth.a - 1)).toBeLessThan(0.3);
    expect(Math.abs(b / truth.b - 1)).toBeLessThan(0.3);
    expect(Math.abs(a / (a + b) / (truth.a / (truth.a + truth.b)) - 1)).toBeLessThan(0.07);
    expect(Math.abs(r / alpha / (truth.r / truth.alpha) - 1)).toBeLessThan(0.07);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdLogLikelihood(truth, customers));
  });
});

import { describe, expect, it } from 'vitest';
import {
  expectedMeanSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  repeatCustomers,
  spendFrequencyCorrelation,
} from './gamma-gamma';
import { sampleMeanSpend, seededRandom } from './testing/simulate';

describe('gammaGammaLogLikelihood', () => {
  it('matches cases worked by hand with factorials', () => {
    const params = { p: 2, q: 3, gamma: 4 };
    // x = 1, z̄ = 5: ln Γ(5) − ln Γ(2) − ln Γ(3) + 3 ln 4 + (2 − 1) ln 5 + 2 ln 1 − 5 ln(4 + 5).
    const one = Math.log(24) - Math.log(1) - Math.log(2) + 3 * Math.log(4) + Math.log(5) - 5 * Math.log(9);
    // x = 2, z̄ = 3: ln Γ(7) − ln Γ(4) − ln Γ(3) + 3 ln 4 + 3 ln 3 + 4 ln 2 − 7 ln(4 + 6).
    const two =
      Math.log(720) -
      Math.log(6) -
      Math.log(2) +
      3 * Math.log(4) +
      3 * Math.log(3) +
      4 * Math.log(2) -
      7 * Math.log(10);
    const customers = [
      { x: 1, meanSpend: 5 },
      { x: 2, meanSpend: 3 },
    ];
    expect(gammaGammaLogLikelihood(params, customers)).toBeCloseTo(one + two, 13);
  });

  it('is the density of z̄ with ν integrated out, checked by quadrature over ν', () => {
    // z̄ | ν ~ Gamma(p x, rate x ν) and ν ~ Gamma(q, rate γ); integrate over u = ln ν by the trapezoid rule.
    const { p, q, gamma } = { p: 1.7, q: 2.3, gamma: 9.5 };
    const { x, meanSpend } = { x: 3, meanSpend: 12.4 };
    const shape = p * x;
    const gammaFunction = (value: number): number => {
      // Γ by its integral ∫ t^(v−1) e^−t dt, trapezoid on ln t: an independent route from ln Γ.
      let sum = 0;
      const step = 0.001;
      for (let u = -30; u < 6; u += step) sum += Math.exp(value * u - Math.exp(u)) * step;
      return sum;
    };
    const gammaOfShape = gammaFunction(shape);
    const gammaOfQ = gammaFunction(q);
    let density = 0;
    const step = 0.001;
    for (let u = -12; u < 6; u += step) {
      const nu = Math.exp(u);
      const conditional = ((x * nu) ** shape * meanSpend ** (shape - 1) * Math.exp(-x * nu * meanSpend)) / gammaOfShape;
      const mixing = (gamma ** q * nu ** (q - 1) * Math.exp(-gamma * nu)) / gammaOfQ;
      density += conditional * mixing * nu * step;
    }
    expect(gammaGammaLogLikelihood({ p, q, gamma }, [{ x, meanSpend }])).toBeCloseTo(Math.log(density), 6);
  });

  it('refuses customers without repeat purchases or with non-positive spend', () => {
    const invalid = expect.objectContaining({ code: 'CUSTOMER_VALUE_INVALID_INPUT' });
    expect(() => gammaGammaLogLikelihood({ p: 1, q: 1, gamma: 1 }, [{ x: 0, meanSpend: 5 }])).toThrow(invalid);
    expect(() => gammaGammaLogLikelihood({ p: 1, q: 1, gamma: 1 }, [{ x: 1, meanSpend: 0 }])).toThrow(invalid);
    expect(() => fitGammaGamma([])).toThrow(expect.objectContaining({ code: 'CUSTOMER_VALUE_EMPTY_DATA' }));
  });
});

describe('repeatCustomers', () => {
  it('keeps customers with x > 0 and a positive mean spend', () => {
    const summaries = [
      { x: 0, meanSpend: null },
      { x: 2, meanSpend: 10 },
      { x: 1, meanSpend: 0 },
      { x: 3, meanSpend: 4.5 },
    ];
    expect(repeatCustomers(summaries)).toEqual([
      { x: 2, meanSpend: 10 },
      { x: 3, meanSpend: 4.5 },
    ]);
  });
});

describe('expectedMeanSpend', () => {
  it('matches values worked by hand', () => {
    const params = { p: 2, q: 3, gamma: 4 };
    expect(expectedMeanSpend(params, 2, 10)).toBeCloseTo((2 * (4 + 20)) / (4 + 3 - 1), 14);
    // x = 0: the population mean p γ / (q − 1).
    expect(expectedMeanSpend(params, 0, null)).toBeCloseTo(4, 14);
  });

  it('moves from the population mean towards z̄ as x grows', () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const population = expectedMeanSpend(params, 0, null);
    let previous = population;
    for (const x of [1, 2, 5, 20, 200]) {
      const value = expectedMeanSpend(params, x, 100);
      expect(value).toBeGreaterThan(previous);
      expect(value).toBeLessThan(100);
      previous = value;
    }
    expect(previous).toBeGreaterThan(99);
  });

  it('throws where the expected spend does not exist', () => {
    expect(() => expectedMeanSpend({ p: 2, q: 0.8, gamma: 4 }, 0, null)).toThrow(
      expect.objectContaining({ code: 'CUSTOMER_VALUE_UNDEFINED_MEAN' }),
    );
  });
});

describe('spendFrequencyCorrelation', () => {
  it('is the Pearson correlation, worked by hand', () => {
    const pairs = (xs: number[], zs: number[]) => xs.map((x, index) => ({ x, meanSpend: zs[index] ?? 0 }));
    expect(spendFrequencyCorrelation(pairs([1, 2, 3], [2, 4, 6]))).toBeCloseTo(1, 14);
    expect(spendFrequencyCorrelation(pairs([1, 2, 3], [6, 4, 2]))).toBeCloseTo(-1, 14);
    // Deviations (−1.5, −0.5, 0.5, 1.5) and (−1.75, 0.25, −0.75, 2.25): 5.5 / √(5 · 8.75).
    expect(spendFrequencyCorrelation(pairs([1, 2, 3, 4], [1, 3, 2, 5]))).toBeCloseTo(5.5 / Math.sqrt(43.75), 14);
    expect(spendFrequencyCorrelation(pairs([2, 2, 2], [1, 3, 2]))).toBe(0);
  });
});

describe('fitGammaGamma', () => {
  it('recovers the parameters of 5,000 simulated repeat customers', () => {
    // Run-to-run rms error at this size (60 seeds): p 9%, q 2%, γ 10%, and 1% for the population
    // mean spend p γ/(q − 1): p and γ trade off. Tolerances about 3 rms: p, γ 30%; q 7%; mean 3.5%.
    const truth = { p: 6, q: 4, gamma: 15 };
    const random = seededRandom(20260702);
    const customers = Array.from({ length: 5000 }, () => {
      const x = 1 + Math.floor(-Math.log(random()) * 5);
      return { x, meanSpend: sampleMeanSpend(random, truth, x) };
    });
    const fit = fitGammaGamma(customers);
    const { p, q, gamma } = fit.params;
    expect(fit.converged).toBe(true);
    expect(Math.abs(p / truth.p - 1)).toBeLessThan(0.3);
    expect(Math.abs(q / truth.q - 1)).toBeLessThan(0.07);
    expect(Math.abs(gamma / truth.gamma - 1)).toBeLessThan(0.3);
    expect(Math.abs((p * gamma) / (q - 1) / ((truth.p * truth.gamma) / (truth.q - 1)) - 1)).toBeLessThan(0.035);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, customers));
  });
});

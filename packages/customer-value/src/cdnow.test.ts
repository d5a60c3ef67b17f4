import { describe, expect, it } from 'vitest';
import { expectedPurchases, fitBgNbd } from './bg-nbd';
import { summarizeCustomers } from './customer-summary';
import { fitGammaGamma, repeatCustomers, spendFrequencyCorrelation } from './gamma-gamma';
import { readCdnowSample } from './testing/cdnow';

/**
 * The CDNOW 1/10 sample, from its raw transactions through our summary to both fits, against the
 * published figures (Fader, Hardie & Lee 2005; Fader & Hardie, note 025). Calibration: the 39 weeks
 * to 1997-09-30; holdout: the 39 weeks to 1998-06-30.
 */
describe('CDNOW 1/10 sample', () => {
  const purchases = readCdnowSample();
  const calibration = summarizeCustomers(purchases, {
    asOf: '1997-09-30',
    unit: 'weeks',
    nonPositiveSpendDays: 'include',
  });

  it('summarises 6,919 lines into 2,357 customers, 946 of them repeat buyers', () => {
    expect(purchases).toHaveLength(6919);
    expect(calibration).toHaveLength(2357);
    expect(repeatCustomers(calibration)).toHaveLength(946);
    // Eight customers' only order is worth $0.00: dropping non-positive days would lose them.
    expect(summarizeCustomers(purchases, { asOf: '1997-09-30', unit: 'weeks' })).toHaveLength(2349);
  });

  it('matches rows of the published summary (x, t_x, T in weeks and z̄ rounded to 0.01)', () => {
    const published: [string, number, number, number, number | null][] = [
      ['0001', 2, 30.43, 38.86, 22.35],
      ['0006', 7, 29.43, 38.86, 73.74],
      ['0026', 1, 1.57, 38.71, 227.14],
      ['0087', 0, 0, 38.29, null],
      ['0157', 29, 37.71, 38.0, 26.26],
      ['0509', 18, 35.14, 35.86, 78.63],
    ];
    for (const [customerId, x, tx, T, meanSpend] of published) {
      const summary = calibration.find((candidate) => candidate.customerId === customerId);
      expect(summary?.x).toBe(x);
      expect(Math.abs((summary?.tx ?? Number.NaN) - tx)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((summary?.T ?? Number.NaN) - T)).toBeLessThanOrEqual(0.005 + 1e-9);
      if (meanSpend === null) expect(summary?.meanSpend).toBeNull();
      else expect(Math.abs((summary?.meanSpend ?? Number.NaN) - meanSpend)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('fits BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426 with ln L = −9582.4', () => {
    const fit = fitBgNbd(calibration);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 3);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(expectedPurchases(fit.params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);

    // Holdout: 1,882 repeat purchase days happened; BG/NBD expects about 12 % fewer (it under-predicts
    // the customers with x = 1 and 2 here). A loose check that the forecast is of the right size.
    const holdout = summarizeCustomers(purchases, {
      asOf: '1998-06-30',
      unit: 'weeks',
      nonPositiveSpendDays: 'include',
    });
    const calibratedX = new Map(calibration.map((summary) => [summary.customerId, summary.x]));
    const actual = holdout.reduce((sum, summary) => sum + summary.x - (calibratedX.get(summary.customerId) ?? 0), 0);
    const forecast = calibration.reduce((sum, { x, tx, T }) => sum + expectedPurchases(fit.params, 39, x, tx, T), 0);
    expect(actual).toBe(1882);
    expect(Math.abs(forecast / actual - 1)).toBeLessThan(0.2);
  });

  it('gives the same fit in days: α × 7, the same r, a, b, and ln L lower by Σx · ln 7', () => {
    const days = summarizeCustomers(purchases, { asOf: '1997-09-30', unit: 'days', nonPositiveSpendDays: 'include' });
    const inWeeks = fitBgNbd(calibration);
    const inDays = fitBgNbd(days);
    const repeatDays = calibration.reduce((sum, { x }) => sum + x, 0);
    expect(inDays.params.alpha / 7).toBeCloseTo(inWeeks.params.alpha, 4);
    for (const key of ['r', 'a', 'b'] as const) expect(inDays.params[key]).toBeCloseTo(inWeeks.params[key], 5);
    expect(inDays.logLikelihood).toBeCloseTo(inWeeks.logLikelihood - repeatDays * Math.log(7), 5);
  });

  it('fits Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44 on the 946 repeat customers', () => {
    const repeat = repeatCustomers(calibration);
    const fit = fitGammaGamma(repeat);
    expect(fit.converged).toBe(true);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 2);
    // Spend is nearly independent of frequency here (0.11), as the model assumes.
    const correlation = spendFrequencyCorrelation(repeat);
    expect(correlation).toBeGreaterThan(0.1);
    expect(correlation).toBeLessThan(0.13);
  });
});

import { type BgNbdParams, expectedPurchases } from './bg-nbd';
import { CustomerValueError } from './customer-value-error';
import { expectedMeanSpend, type GammaGammaParams } from './gamma-gamma';

export interface ClvOptions {
  /** H: how many periods ahead, a whole number ≥ 0. */
  readonly horizon: number;
  /**
   * d: the discount rate per period (not per year), > −1; 0 for no discounting. Monthly periods at
   * 10 % a year take d = 1.1^(1/12) − 1 ≈ 0.00797.
   */
  readonly discountRate: number;
  /**
   * One period in the summaries' time unit (the unit α was fitted in). Default 1: with a fit in
   * weeks a period is a week; monthly periods on a weekly fit take 365.25 / 12 / 7 ≈ 4.348.
   */
  readonly periodLength?: number;
}

/** A customer's history as the two models read it (see CustomerSummary). */
export interface ClvCustomer {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly meanSpend: number | null;
}

/**
 * Discounted expected spend over the next H periods:
 *   CLV = Σ_{i=1..H} E[M] · (E[X(i·ℓ)] − E[X((i − 1)·ℓ)]) / (1 + d)^i,
 * E[X(t)] the BG/NBD conditional expectation, E[M] the Gamma-Gamma expected spend per purchase,
 * ℓ the period length. Purchases expected within period i are discounted as if at its end. The
 * value is in the unit of the spends (minor or major) the summaries were built from.
 */
export function customerLifetimeValue(
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  customer: ClvCustomer,
  options: ClvOptions,
): number {
  const { horizon, discountRate } = options;
  const periodLength = options.periodLength ?? 1;
  if (!(Number.isInteger(horizon) && horizon >= 0)) {
    throw new CustomerValueError(
      'CUSTOMER_VALUE_INVALID_INPUT',
      `the horizon is a whole number of periods ≥ 0, got ${horizon}`,
    );
  }
  if (!(discountRate > -1 && Number.isFinite(discountRate))) {
    throw new CustomerValueError(
      'CUSTOMER_VALUE_INVALID_INPUT',
      `the discount rate per period must exceed −1, got ${discountRate}`,
    );
  }
  if (!(periodLength > 0 && Number.isFinite(periodLength))) {
    throw new CustomerValueError(
      'CUSTOMER_VALUE_INVALID_INPUT',
      `the period length must be positive, got ${periodLength}`,
    );
  }
  const { x, tx, T, meanSpend } = customer;
  const spend = expectedMeanSpend(gammaGamma, x, meanSpend);
  let value = 0;
  let previous = 0;
  for (let period = 1; period <= horizon; period += 1) {
    const cumulative = expectedPurchases(bgNbd, period * periodLength, x, tx, T);
    value += (cumulative - previous) / (1 + discountRate) ** period;
    previous = cumulative;
  }
  return spend * value;
}

import type { RecordedEvent } from '@order-ledger/core';
import { type BgNbdParams, expectedPurchases, fitBgNbd, probabilityAlive } from './bg-nbd';
import { customerLifetimeValue } from './clv';
import { summarizeCustomers, type TimeUnit } from './customer-summary';
import { fitGammaGamma, type GammaGammaParams, repeatCustomers, spendFrequencyCorrelation } from './gamma-gamma';
import { purchasesFromHistory } from './purchases-from-history';

export interface CustomerValueOptions {
  /** The end of the observation: purchases after it are not seen. */
  readonly asOf: Date;
  /** The time unit of frequency, recency, T and the horizon. Default weeks, the literature's. */
  readonly unit?: TimeUnit;
  /** How far ahead CLV looks, in `unit`s. Default one year (52 weeks, 365 days). */
  readonly horizon?: number;
  /** The yearly discount rate of future spend. Default 0.1 (10 %). */
  readonly yearlyDiscountRate?: number;
  /** Below these the data is too thin to fit, and no model figures are given. Defaults 100 and 30. */
  readonly minCustomers?: number;
  readonly minRepeatCustomers?: number;
  /** Customers left out of the fit (guests without an account, say: each is a one-time "customer"). */
  readonly exclude?: (customerId: string) => boolean;
}

export interface CustomerValue {
  readonly customerId: string;
  /** Repeat purchase days. */
  readonly frequency: number;
  /** From the first to the last purchase day, in the report's unit. */
  readonly recency: number;
  /** From the first purchase day to the as-of day, in the report's unit. */
  readonly T: number;
  /** Net spend over every purchase day, minor units. */
  readonly spent: number;
  /** Mean net spend of the repeat purchase days, minor units; null for a one-time buyer. */
  readonly meanSpend: number | null;
  readonly pAlive: number | null;
  /** Expected purchase days in the next 90 days. */
  readonly expectedPurchases90Days: number | null;
  /** Expected purchase days over the horizon. */
  readonly expectedPurchases: number | null;
  /** Discounted expected spend over the horizon, minor units. */
  readonly clv: number | null;
}

export interface CustomerValueReport {
  readonly unit: TimeUnit;
  readonly asOf: string;
  readonly currency: string | undefined;
  readonly horizon: number;
  readonly yearlyDiscountRate: number;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly bgnbd: (BgNbdParams & { readonly logLikelihood: number; readonly converged: boolean }) | null;
  readonly gammaGamma: (GammaGammaParams & { readonly logLikelihood: number; readonly converged: boolean }) | null;
  /** Plain-words reasons the figures are missing or should be read with care. */
  readonly warnings: readonly string[];
  /**
   * False when the fit cannot tell who has lapsed (it finds that almost nobody ever drops out, or a
   * parameter ran to its bound): P(alive) is then near 1 for everyone and no one is named lapsing.
   */
  readonly lapsingKnowable: boolean;
  /** Highest CLV first (or most spent, when there is no fit). */
  readonly byCustomer: readonly CustomerValue[];
}

const daysPer: Record<TimeUnit, number> = { days: 1, weeks: 7 };

/**
 * Who will buy again, and what they are worth: BG/NBD (will they come back, how often) and
 * Gamma-Gamma (how much per purchase) fitted to the shop's own history, per customer P(alive),
 * expected purchases and CLV. When there are too few customers or repeat buyers to fit, says so
 * and gives the counts only: figures from a fit on thin data mean nothing.
 */
export function customerValueReport(
  events: Iterable<RecordedEvent>,
  options: CustomerValueOptions,
): CustomerValueReport {
  const unit = options.unit ?? 'weeks';
  const horizon = options.horizon ?? (unit === 'weeks' ? 52 : 365);
  const yearlyDiscountRate = options.yearlyDiscountRate ?? 0.1;
  const asOfDay = options.asOf.toISOString().slice(0, 10);
  const fromHistory = purchasesFromHistory(events, options.asOf);
  const { currency, otherCurrencyOrders } = fromHistory;
  const excluded = new Set<string>();
  const purchases = fromHistory.purchases.filter((purchase) => {
    const out = options.exclude?.(purchase.customerId) === true;
    if (out) excluded.add(purchase.customerId);
    return !out;
  });
  const summaries = summarizeCustomers(purchases, { asOf: asOfDay, unit });
  const spent = new Map<string, number>();
  for (const purchase of purchases) {
    if (purchase.spend > 0) spent.set(purchase.customerId, (spent.get(purchase.customerId) ?? 0) + purchase.spend);
  }
  const repeat = repeatCustomers(summaries);
  const warnings: string[] = [];
  if (otherCurrencyOrders > 0)
    warnings.push(`${otherCurrencyOrders} orders in other currencies than ${currency} are left out`);
  if (excluded.size > 0) warnings.push(`${excluded.size} customers without an account (guests) are left out`);
  const minCustomers = options.minCustomers ?? 100;
  const minRepeat = options.minRepeatCustomers ?? 30;
  const base = {
    unit,
    asOf: asOfDay,
    currency,
    horizon,
    yearlyDiscountRate,
    customers: summaries.length,
    repeatCustomers: repeat.length,
  };
  const plain = (summary: (typeof summaries)[number]): CustomerValue => ({
    customerId: summary.customerId,
    frequency: summary.x,
    recency: summary.tx,
    T: summary.T,
    spent: spent.get(summary.customerId) ?? 0,
    meanSpend: summary.meanSpend,
    pAlive: null,
    expectedPurchases90Days: null,
    expectedPurchases: null,
    clv: null,
  });
  if (summaries.length < minCustomers || repeat.length < minRepeat) {
    warnings.push(
      `too little history to predict: ${summaries.length} customers, ${repeat.length} who came back (at least ${minCustomers} and ${minRepeat} are needed); the figures shown are what happened, not what will`,
    );
    const byCustomer = summaries
      .map(plain)
      .sort((a, b) => b.spent - a.spent || a.customerId.localeCompare(b.customerId));
    return { ...base, bgnbd: null, gammaGamma: null, warnings, lapsingKnowable: false, byCustomer };
  }

  const bgFit = fitBgNbd(summaries);
  const ggFit = fitGammaGamma(repeat);
  if (!bgFit.converged || !ggFit.converged) warnings.push('a fit did not converge: treat the figures as rough');
  if (summaries.length < 500) {
    warnings.push(`${summaries.length} customers is a small base for these models: treat the figures as rough`);
  }
  const { r, alpha, a, b } = bgFit.params;
  const dropout = a / (a + b);
  const atBound = [r, alpha, a, b].some((value) => Math.abs(Math.log(value)) > 18);
  const lapsingKnowable = dropout >= 1e-3 && !atBound;
  if (!lapsingKnowable) {
    warnings.push(
      `the history shows almost no one stopping (dropout ${dropout.toExponential(1)} per purchase${atBound ? ', a parameter at its bound' : ''}): P(alive) is near 100% for everyone and says little, and no one is named lapsing`,
    );
  }
  const correlation = spendFrequencyCorrelation(repeat);
  if (Math.abs(correlation) > 0.3) {
    warnings.push(
      `spend per purchase moves with how often people buy (correlation ${correlation.toFixed(2)}): Gamma-Gamma assumes it does not, so CLV is rougher`,
    );
  }
  const ninetyDays = 90 / daysPer[unit];
  const periodsPerYear = 365.25 / daysPer[unit];
  const discountRate = (1 + yearlyDiscountRate) ** (1 / periodsPerYear) - 1;
  // A fit that cannot give a mean spend (q ≤ 1) leaves CLV out rather than inventing one.
  const spendDefined = ggFit.params.q > 1;
  if (!spendDefined) warnings.push('the spend model has no finite mean (q ≤ 1): CLV is left out');
  const byCustomer = summaries
    .map((summary): CustomerValue => {
      const { x, tx, T } = summary;
      return {
        ...plain(summary),
        pAlive: probabilityAlive(bgFit.params, x, tx, T),
        expectedPurchases90Days: expectedPurchases(bgFit.params, ninetyDays, x, tx, T),
        expectedPurchases: expectedPurchases(bgFit.params, horizon, x, tx, T),
        clv: spendDefined
          ? customerLifetimeValue(bgFit.params, ggFit.params, summary, { horizon, discountRate })
          : null,
      };
    })
    .sort((a, b) => (b.clv ?? b.spent) - (a.clv ?? a.spent) || a.customerId.localeCompare(b.customerId));
  return {
    ...base,
    bgnbd: { ...bgFit.params, logLikelihood: bgFit.logLikelihood, converged: bgFit.converged },
    gammaGamma: { ...ggFit.params, logLikelihood: ggFit.logLikelihood, converged: ggFit.converged },
    warnings,
    lapsingKnowable,
    byCustomer,
  };
}

export interface LapsingCustomer {
  readonly customerId: string;
  readonly spent: number;
  readonly pAlive: number;
  /** Days since the last purchase day. */
  readonly daysSinceLastPurchase: number;
}

/**
 * The customers worth a personal note: among those who came back at least once, the fifth who
 * spent the most, whose chance of still being a customer has fallen below `below` (default 0.5).
 * Most spent first.
 */
export function lapsingValuableCustomers(report: CustomerValueReport, below = 0.5): LapsingCustomer[] {
  if (report.bgnbd === null || !report.lapsingKnowable) return [];
  const repeaters = report.byCustomer.filter((customer) => customer.frequency > 0);
  const spends = repeaters.map((customer) => customer.spent).sort((a, b) => b - a);
  const threshold = spends[Math.max(0, Math.ceil(spends.length / 5) - 1)] ?? Number.POSITIVE_INFINITY;
  return repeaters
    .filter((customer) => customer.spent >= threshold && customer.pAlive !== null && customer.pAlive < below)
    .sort((a, b) => b.spent - a.spent || a.customerId.localeCompare(b.customerId))
    .map((customer) => ({
      customerId: customer.customerId,
      spent: customer.spent,
      pAlive: customer.pAlive ?? 0,
      daysSinceLastPurchase: Math.round((customer.T - customer.recency) * daysPer[report.unit]),
    }));
}

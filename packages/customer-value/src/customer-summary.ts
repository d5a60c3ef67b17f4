import { CustomerValueError } from './customer-value-error';

/** The time unit of t_x, T, and so of the fitted α and of every horizon t given to the models. */
export type TimeUnit = 'days' | 'weeks';

export interface Purchase {
  readonly customerId: string;
  /** Calendar day 'YYYY-MM-DD', already in the store's zone: no time zone is applied here. */
  readonly day: string;
  /**
   * Net spend of this line (refunds negative). Any one unit, minor (cents) or major (euros), as long
   * as all purchases use the same: mean spend and every value derived from it come out in that unit.
   */
  readonly spend: number;
}

export interface SummaryOptions {
  /** The end of the observation, 'YYYY-MM-DD', inclusive: purchases after it are ignored. */
  readonly asOf: string;
  readonly unit: TimeUnit;
  /**
   * A day whose net spend is ≤ 0 (fully refunded, or a free order): 'exclude' (default) treats it as
   * no purchase at all; 'include' counts it as a purchase day (its spend still enters the mean).
   * CDNOW's published fits count its eight zero-value first orders, hence the choice.
   */
  readonly nonPositiveSpendDays?: 'exclude' | 'include';
}

/** One customer in the literature's form (all times in the summary's unit). */
export interface CustomerSummary {
  readonly customerId: string;
  /** Frequency: repeat purchase days (purchase days − 1). */
  readonly x: number;
  /** Recency: time from the first to the last purchase day. */
  readonly tx: number;
  /** Age: time from the first purchase day to the as-of day. */
  readonly T: number;
  /** Mean net spend over the repeat purchase days (the first day left out); null when x = 0. */
  readonly meanSpend: number | null;
  readonly firstDay: string;
  readonly lastDay: string;
}

const millisecondsPerDay = 86_400_000;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whole days since 1970-01-01 of a 'YYYY-MM-DD' day, read as UTC midnight so that no local zone or
 * daylight-saving shift can move it; refuses impossible dates such as 2026-02-30.
 */
export function dayNumber(day: string): number {
  const match = dayPattern.exec(day);
  const [year, month, date] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const time = Date.UTC(year, month - 1, date);
  const parsed = new Date(time);
  if (
    !match ||
    parsed.getUTCFullYear() !== year ||
    parsed.getUTCMonth() !== month - 1 ||
    parsed.getUTCDate() !== date
  ) {
    throw new CustomerValueError('CUSTOMER_VALUE_INVALID_DAY', `expected a calendar day 'YYYY-MM-DD', got '${day}'`);
  }
  return time / millisecondsPerDay;
}

function dayString(number: number): string {
  return new Date(number * millisecondsPerDay).toISOString().slice(0, 10);
}

/**
 * Per-customer frequency, recency, age and mean repeat spend as of a day. Orders on the same day
 * are one purchase with their spend summed. Customers come out in the order of their first line in
 * `purchases`; a customer with no purchase day up to `asOf` is left out.
 */
export function summarizeCustomers(purchases: Iterable<Purchase>, options: SummaryOptions): CustomerSummary[] {
  const asOf = dayNumber(options.asOf);
  const unitDays = options.unit === 'weeks' ? 7 : 1;
  const includeNonPositive = options.nonPositiveSpendDays === 'include';
  const spendByDay = new Map<string, Map<number, number>>();
  for (const purchase of purchases) {
    if (typeof purchase.customerId !== 'string' || purchase.customerId === '') {
      throw new CustomerValueError('CUSTOMER_VALUE_INVALID_INPUT', 'a purchase needs a non-empty customerId');
    }
    if (!Number.isFinite(purchase.spend)) {
      throw new CustomerValueError(
        'CUSTOMER_VALUE_INVALID_INPUT',
        `purchase of ${purchase.customerId} on ${purchase.day} has spend ${purchase.spend}`,
      );
    }
    const day = dayNumber(purchase.day);
    let days = spendByDay.get(purchase.customerId);
    if (days === undefined) {
      days = new Map();
      spendByDay.set(purchase.customerId, days);
    }
    if (day > asOf) continue;
    days.set(day, (days.get(day) ?? 0) + purchase.spend);
  }

  const summaries: CustomerSummary[] = [];
  for (const [customerId, days] of spendByDay) {
    const purchaseDays = [...days]
      .filter(([, spend]) => includeNonPositive || spend > 0)
      .sort(([left], [right]) => left - right);
    const first = purchaseDays[0];
    const last = purchaseDays[purchaseDays.length - 1];
    if (first === undefined || last === undefined) continue;
    const x = purchaseDays.length - 1;
    const repeatSpend = purchaseDays.slice(1).reduce((sum, [, spend]) => sum + spend, 0);
    summaries.push({
      customerId,
      x,
      tx: (last[0] - first[0]) / unitDays,
      T: (asOf - first[0]) / unitDays,
      meanSpend: x > 0 ? repeatSpend / x : null,
      firstDay: dayString(first[0]),
      lastDay: dayString(last[0]),
    });
  }
  return summaries;
}

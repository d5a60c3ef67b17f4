import { utc } from '@date-fns/utc';
import type { Money, RecordedEvent } from '@order-ledger/core';
import { endOfISOWeek, endOfMonth, format, getISOWeek, getISOWeekYear, startOfISOWeek, startOfMonth } from 'date-fns';

/** The money of one period in one currency, in minor units. */
export interface RevenueFigures {
  /** `2026-W03` for an ISO week, `2026-01` for a month. */
  readonly period: string;
  /** Its first and last day, inclusive (UTC). */
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  /** Money taken: every payment recorded in the period. */
  readonly gross: number;
  /** Money given back: every refund recorded in the period, whatever order it belongs to. */
  readonly refunded: number;
  /** gross − refunded: negative in a period that gave back more than it took. */
  readonly net: number;
  readonly payments: number;
  readonly refunds: number;
}

export interface Revenue {
  /** Newest first; only periods where money moved. */
  readonly weeks: readonly RevenueFigures[];
  readonly months: readonly RevenueFigures[];
  /** Every currency money moved in: figures are never added across currencies. */
  readonly currencies: readonly string[];
}

export type Granularity = 'week' | 'month';

/** The ISO week or the month a moment falls in (UTC), with its first and last day. */
export function periodOf(at: Date, granularity: Granularity): { period: string; from: string; to: string } {
  const day = (date: Date) => format(date, 'yyyy-MM-dd', { in: utc });
  if (granularity === 'month') {
    return {
      period: format(at, 'yyyy-MM', { in: utc }),
      from: day(startOfMonth(at, { in: utc })),
      to: day(endOfMonth(at, { in: utc })),
    };
  }
  // The ISO week's own year: 2025-12-29 is in 2026-W01.
  const week = String(getISOWeek(at, { in: utc })).padStart(2, '0');
  return {
    period: `${getISOWeekYear(at, { in: utc })}-W${week}`,
    from: day(startOfISOWeek(at, { in: utc })),
    to: day(endOfISOWeek(at, { in: utc })),
  };
}

/**
 * The store's money by ISO week and by month, per currency: what was taken (payments), what was
 * given back (refunds, including a cancellation's and a claim's) and the difference. Each
 * movement counts in the period of its own business time (`at`), in UTC, up to `asOf`. The one
 * place this rule lives: the sweep and the revenue report both read it.
 */
export function revenue(history: Iterable<RecordedEvent>, options: { readonly asOf?: Date } = {}): Revenue {
  const limit = options.asOf?.getTime() ?? Number.POSITIVE_INFINITY;
  const periods = { week: new Map<string, RevenueFigures>(), month: new Map<string, RevenueFigures>() };
  const currencies = new Set<string>();
  for (const event of history) {
    if (event.type !== 'Paid' && event.type !== 'Refunded') continue;
    const { at, amount } = event.data as { at: string; amount: Money };
    const time = Date.parse(at);
    if (time > limit) continue;
    currencies.add(amount.currency);
    for (const granularity of ['week', 'month'] as const) {
      const place = periodOf(new Date(time), granularity);
      const key = `${place.period} ${amount.currency}`;
      const before = periods[granularity].get(key) ?? {
        ...place,
        currency: amount.currency,
        gross: 0,
        refunded: 0,
        net: 0,
        payments: 0,
        refunds: 0,
      };
      const paid = event.type === 'Paid';
      periods[granularity].set(key, {
        ...before,
        gross: before.gross + (paid ? amount.amount : 0),
        refunded: before.refunded + (paid ? 0 : amount.amount),
        net: before.net + (paid ? amount.amount : -amount.amount),
        payments: before.payments + (paid ? 1 : 0),
        refunds: before.refunds + (paid ? 0 : 1),
      });
    }
  }
  const newestFirst = (rows: Iterable<RevenueFigures>) =>
    [...rows].sort((a, b) => b.period.localeCompare(a.period) || a.currency.localeCompare(b.currency));
  return {
    weeks: newestFirst(periods.week.values()),
    months: newestFirst(periods.month.values()),
    currencies: [...currencies].sort(),
  };
}

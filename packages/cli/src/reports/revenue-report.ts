import { formatMoney } from '@order-ledger/core';
import { type RevenueFigures, revenue } from '@order-ledger/weekly-sweep';
import { tableOf } from '../output';
import type { Report, ReportContext } from './reports';

/** Revenue rows as a table: one row per period and currency, amounts with their currency. */
export function revenueTable(rows: readonly RevenueFigures[], limit: number): string {
  return tableOf(['period', 'days', 'gross', 'refunded', 'net'], rows, limit, (row) => [
    row.period,
    `${row.from.slice(5)} to ${row.to.slice(5)}`,
    formatMoney({ amount: row.gross, currency: row.currency }),
    formatMoney({ amount: row.refunded, currency: row.currency }),
    formatMoney({ amount: row.net, currency: row.currency }),
  ]);
}

/** What revenue means, said once under every revenue table. */
export const revenueLegend =
  '(gross: payments taken; refunded: money given back; net: gross − refunded; each counted when the money moved, UTC)';

/** `order-ledger report revenue`: gross, refunded and net by ISO week and by month, per currency. */
export function revenueReport({ history, asOf }: ReportContext, limit = 10): Report {
  const figures = revenue(history, { asOf });
  const data = { asOf: asOf.toISOString(), ...figures };
  if (figures.weeks.length === 0) {
    return { data, text: `Revenue as of ${asOf.toISOString().slice(0, 10)}: no payment or refund yet` };
  }
  const text = [
    `Revenue as of ${asOf.toISOString().slice(0, 10)} (${figures.currencies.join(', ')}; never added across currencies)`,
    '\nBy ISO week, newest first',
    revenueTable(figures.weeks, limit),
    '\nBy month, newest first',
    revenueTable(figures.months, limit),
    revenueLegend,
  ].join('\n');
  return { data, text };
}

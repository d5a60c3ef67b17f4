import {
  type CustomerValueReport,
  customerValueReport,
  type LapsingCustomer,
  lapsingValuableCustomers,
} from '@order-ledger/customer-value';
import { UserError } from '../cli-error';
import { parseWholeNumber } from '../history';
import { amount, table } from '../output';
import type { Report, ReportContext } from './reports';

export interface ValueOptions {
  readonly unit?: string;
  readonly horizon?: string;
  readonly limit?: number;
}

/** The fit with the default options, once per report context: the sweep and the customers report share it. */
const defaultFits = new WeakMap<ReportContext, CustomerValueReport>();

/** The value model over the context's history. */
export function customerValueOf(context: ReportContext, options: ValueOptions = {}): CustomerValueReport {
  const defaults = options.unit === undefined && options.horizon === undefined;
  const known = defaults ? defaultFits.get(context) : undefined;
  if (known !== undefined) return known;
  const unit = options.unit ?? 'weeks';
  if (unit !== 'weeks' && unit !== 'days') throw new UserError(`--unit takes weeks or days, not "${unit}"`);
  const horizon = options.horizon === undefined ? undefined : parseWholeNumber('--horizon', options.horizon, 1);
  const value = customerValueReport(context.history, {
    asOf: context.asOf,
    unit,
    // Shopify guests (no email) are imported one customer per order: one-time buyers by construction.
    exclude: (customerId) => customerId.startsWith('guest-'),
    ...(horizon === undefined ? {} : { horizon }),
  });
  if (defaults) defaultFits.set(context, value);
  return value;
}

const percent = (value: number | null) => (value === null ? '' : `${Math.round(value * 100)}%`);
const fixed = (value: number | null, digits = 2) => (value === null ? '' : value.toFixed(digits));
const money = (value: number | null) => (value === null ? '' : amount(Math.round(value)));

/** `order-ledger report value`: the fit, then every customer by CLV. */
export function valueReport(context: ReportContext, options: ValueOptions = {}): Report {
  const value = customerValueOf(context, options);
  const limit = options.limit ?? 10;
  const lines = [
    `Customer value as of ${value.asOf} (${value.customers} customers, ${value.repeatCustomers} came back; times in ${value.unit}, CLV over ${value.horizon} ${value.unit} at ${Math.round(value.yearlyDiscountRate * 100)}% a year${value.currency === undefined ? '' : `, ${value.currency}`})`,
  ];
  for (const warning of value.warnings) lines.push(`Note: ${warning}`);
  if (value.bgnbd !== null) {
    const { r, alpha, a, b, logLikelihood } = value.bgnbd;
    lines.push(
      `BG/NBD: r ${r.toFixed(3)}, α ${alpha.toFixed(3)}, a ${a.toFixed(3)}, b ${b.toFixed(3)} (log-likelihood ${logLikelihood.toFixed(1)})`,
    );
  }
  if (value.gammaGamma !== null) {
    const { p, q, gamma } = value.gammaGamma;
    lines.push(`Gamma-Gamma: p ${p.toFixed(2)}, q ${q.toFixed(2)}, γ ${amount(Math.round(gamma))}`);
  }
  lines.push(
    table(
      ['customer', 'repeat days', 'recency', 'age', 'spent', 'P(alive)', 'next 90 days', 'CLV'],
      value.byCustomer
        .slice(0, limit)
        .map((customer) => [
          customer.customerId,
          customer.frequency,
          fixed(customer.recency, 1),
          fixed(customer.T, 1),
          amount(customer.spent),
          percent(customer.pAlive),
          fixed(customer.expectedPurchases90Days),
          money(customer.clv),
        ]),
    ),
  );
  if (value.byCustomer.length > limit)
    lines.push(`… and ${value.byCustomer.length - limit} more (--limit N or --all shows them)`);
  lines.push(
    '\nP(alive): the chance they still buy here (100% for a one-time buyer, who has had no chance to lapse yet). Next 90 days: purchase days to expect. CLV: what their future purchases are worth today.',
  );
  return { data: value, text: lines.join('\n') };
}

/** The sweep's question "who is worth a personal note?": lines for its text. */
export function lapsingLines(lapsing: readonly LapsingCustomer[], limit = 10): string[] {
  const lines = [`\nValuable customers who have probably lapsed: ${lapsing.length === 0 ? 'none' : lapsing.length}`];
  if (lapsing.length === 0) return lines;
  lines.push(
    table(
      ['customer', 'spent', 'P(alive)', 'days since last order'],
      lapsing
        .slice(0, limit)
        .map((customer) => [
          customer.customerId,
          amount(customer.spent),
          percent(customer.pAlive),
          customer.daysSinceLastPurchase,
        ]),
    ),
  );
  if (lapsing.length > limit) lines.push(`… and ${lapsing.length - limit} more`);
  lines.push('  (among the fifth who spent most, less than an even chance they still buy here: worth a note)');
  return lines;
}

export { lapsingValuableCustomers };

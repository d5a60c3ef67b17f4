import { utc } from '@date-fns/utc';
import { formatMoney, type OrderStatus, orderStatusWords, type RecordedEvent } from '@order-ledger/core';
import { dueFollowUps } from '@order-ledger/follow-ups';
import {
  boughtTogether,
  customerMetrics,
  gatewayProducts,
  neverArrivedClaims,
  rankByValue,
  reorderRhythm,
  repeatPurchaseRate,
  rfm,
} from '@order-ledger/projection-best-customers';
import { describeEntry } from '@order-ledger/projection-customer-timeline';
import { type BoardOrder, boardView, type StoreRhythm } from '@order-ledger/projection-orders-board';
import { type TruthCheck, truthCheck } from '@order-ledger/projection-stock-counts';
import { weeklySweep } from '@order-ledger/weekly-sweep';
import { subDays } from 'date-fns';
import { UserError } from '../cli-error';
import { amount, table, tableOf } from '../output';
import { codeInWords, pendingMoneyWords, stuckWords } from '../words';
import type { ReadModels } from './read-models';
import { revenueLegend, revenueTable } from './revenue-report';
import { customerValueOf, lapsingLines, lapsingValuableCustomers } from './value-report';

export interface ReportContext {
  readonly models: ReadModels;
  readonly history: readonly RecordedEvent[];
  readonly asOf: Date;
  readonly rhythm: StoreRhythm;
}

/** A report: its data for `--json`, and the same as text for people. */
export interface Report {
  readonly data: unknown;
  readonly text: string;
}

/** Why an order has no promised date yet: nothing paid, or only part of it. */
function unpromised(order: BoardOrder | undefined): string {
  return order !== undefined && order.paid > 0 ? '(part paid)' : '(unpaid)';
}

export function boardReport({ models, asOf, rhythm }: ReportContext, limit = 15): Report {
  const view = boardView(models.board, rhythm, asOf);
  const lines: string[] = [`Orders board as of ${asOf.toISOString()}`];
  for (const [status, rows] of Object.entries(view.inFlight)) {
    lines.push(`\n${orderStatusWords[status as OrderStatus]}: ${rows.length === 0 ? 'none' : rows.length}`);
    if (rows.length === 0) continue;
    lines.push(
      tableOf(['order', 'customer', 'nth', 'days', 'promised by', 'stuck'], rows, limit, (row) => {
        const order = models.board.orders.get(row.orderId);
        const stuck = row.stuck.map((reason) => stuckWords[reason]);
        const why = order?.claimed === true ? [...stuck, 'claimed: never arrived'] : stuck;
        return [
          row.orderId,
          row.customerId,
          row.customerOrdinal,
          row.ageDays,
          row.promisedBy?.slice(0, 10) ?? unpromised(order),
          why.join(', '),
        ];
      }),
    );
  }
  lines.push(`\nStuck: ${view.stuck.length}   Pending money: ${view.pendingMoney.length}`);
  if (view.pendingMoney.length > 0) {
    lines.push(
      tableOf(['order', 'customer', 'what', 'amount'], view.pendingMoney, limit, (money) => [
        money.orderId,
        money.customerId,
        pendingMoneyWords[money.kind],
        formatMoney({ amount: money.amount, currency: money.currency }),
      ]),
    );
  }
  lines.push(`\nSilent (nothing told to the buyer for ${rhythm.silentAfterDays}+ days): ${view.silent.length}`);
  if (view.silent.length > 0) {
    lines.push(
      tableOf(['order', 'customer', 'status', 'silent days'], view.silent, limit, (quiet) => [
        quiet.orderId,
        quiet.customerId,
        quiet.status.replaceAll('_', ' '),
        quiet.silentDays,
      ]),
    );
  }
  lines.push("\n(nth: the customer's n-th order; days: whole days in this status)");
  return { data: view, text: lines.join('\n') };
}

export function sweepReport(context: ReportContext, limit = 15): Report {
  const { models, history, asOf, rhythm } = context;
  const sweep = weeklySweep({ board: models.board, stock: models.stock, history, rhythm, asOf });
  const lapsingValuable = lapsingValuableCustomers(customerValueOf(context));
  const lines = [`Weekly sweep, ${sweep.weekFrom.slice(0, 10)} to ${sweep.asOf.slice(0, 10)}`];
  lines.push(`\nWhat's stuck: ${sweep.stuck.length === 0 ? 'none' : ordersCount(sweep.stuck.length)}`);
  if (sweep.stuck.length > 0) {
    lines.push(
      tableOf(['order', 'customer', 'status', 'days', 'why'], sweep.stuck, limit, (row) => [
        row.orderId,
        row.customerId,
        orderStatusWords[row.status],
        row.ageDays,
        row.stuck.map((reason) => stuckWords[reason]).join(', '),
      ]),
    );
  }
  const owed = sweep.pendingMoney.filter(
    (money) => money.kind === 'refund-owed' || money.kind === 'cancelled-not-refunded',
  );
  const due = sweep.pendingMoney.filter(
    (money) => money.kind === 'partial-payment-due' || money.kind === 'awaiting-payment',
  );
  lines.push(
    `\nPending money: ${sweep.pendingMoney.length === 0 ? 'none' : `${owed.length} refunds owed, ${due.length} payments due`}`,
  );
  if (sweep.pendingMoney.length > 0) {
    lines.push(
      tableOf(['order', 'what', 'amount'], sweep.pendingMoney, limit, (money) => [
        money.orderId,
        pendingMoneyWords[money.kind],
        formatMoney({ amount: money.amount, currency: money.currency }),
      ]),
    );
  }
  const money = [...sweep.revenue.weeks, ...sweep.revenue.months];
  lines.push(`\nMoney, this week and last, this month and last: ${money.length === 0 ? 'none moved' : ''}`.trimEnd());
  if (money.length > 0) lines.push(revenueTable(money, Number.POSITIVE_INFINITY), revenueLegend);
  const { orphanedReservations, missingStockMovements } = sweep.ledgerGaps;
  const gaps = orphanedReservations.length + missingStockMovements.length;
  lines.push(`\nDoes the stock tell the truth? ${sweep.stock.truthful && gaps === 0 ? 'yes' : 'look at these'}`);
  for (const orphan of orphanedReservations) {
    lines.push(
      `  ${orphan.sku}: ${orphan.quantity} reserved for order ${orphan.orderId} since ${orphan.reservedAt.slice(0, 16)}, but the order never recorded it`,
    );
  }
  for (const missing of missingStockMovements) {
    lines.push(`  order ${missing.orderId}: stock movements never landed on ${missing.skus.join(', ')}`);
  }
  if (gaps > 0) lines.push('  (order-ledger reconcile releases and completes these)');
  lines.push(...truthCheckLines(sweep.stock));
  const byHand = Object.entries(sweep.adjustments);
  lines.push(`\nThe week by hand:${byHand.length === 0 ? ' none' : ''}`);
  for (const [reason, entry] of byHand)
    lines.push(
      `  ${codeInWords(reason)}: ${entry.entries === 1 ? 'once' : `${entry.entries} times`}, ${entry.units} units`,
    );
  const refunds = Object.entries(sweep.refunds);
  lines.push(`Refunds this week:${refunds.length === 0 ? ' none' : ''}`);
  for (const [reason, entry] of refunds) {
    const amounts = Object.entries(entry.amounts).map(([currency, minor]) => formatMoney({ amount: minor, currency }));
    lines.push(
      `  ${codeInWords(reason)}: ${entry.refunds} (${amounts.join(' + ')}), ${entry.returnedUnits} units back`,
    );
  }
  lines.push('\nHas the store outgrown a weekly sweep?');
  if (sweep.outgrown.length === 0) lines.push('  no sign of it');
  for (const sign of sweep.outgrown) {
    if (sign.kind === 'stuck-week-after-week')
      lines.push(`  ${stuckWeekAfterWeek(sign.stuckPerWeek, sign.consecutiveWeeks)}`);
    if (sign.kind === 'packing-errors')
      lines.push(`  packing errors: ${sign.refunds} refunds for wrong or missing items`);
    if (sign.kind === 'unassigned-preparation')
      lines.push(
        `  ${sign.orders.length} orders being prepared with no one named, with ${sign.preparers} people packing`,
      );
  }
  lines.push(...lapsingLines(lapsingValuable));
  return { data: { ...sweep, lapsingValuable }, text: lines.join('\n') };
}

const ordersCount = (n: number) => (n === 1 ? '1 order' : `${n} orders`);

/** When each past sweep was: "now", "a week ago", "2 weeks ago". */
const sweepsAgo = (week: number) =>
  week === 0 ? 'now' : week === 1 ? 'a week ago' : `${['two', 'three', 'four'][week - 2] ?? week} weeks ago`;

/**
 * The stuck counts at the last sweeps, newest first, in words: "orders stuck at each of the last
 * 3 weekly sweeps: 18 now, 11 a week ago, 2 two weeks ago (none three weeks ago)".
 */
export function stuckWeekAfterWeek(stuckPerWeek: readonly number[], consecutiveWeeks: number): string {
  const run = stuckPerWeek.slice(0, consecutiveWeeks).map((count, week) => `${count} ${sweepsAgo(week)}`);
  const before = stuckPerWeek.length > consecutiveWeeks ? ` (none ${sweepsAgo(consecutiveWeeks)})` : '';
  return `orders stuck at each of the last ${consecutiveWeeks} weekly sweeps: ${run.join(', ')}${before}`;
}

/** What the stock truth check found, SKU by SKU: the sweep and the stock report say it alike. */
function truthCheckLines(check: TruthCheck): string[] {
  const lines: string[] = [];
  for (const difference of check.differences) {
    lines.push(
      `  ${difference.sku}: ${difference.field} ${difference.counts}, ${difference.against} says ${difference.expected}`,
    );
  }
  for (const sku of check.oversold) lines.push(`  ${sku.sku}: promised beyond the shelf (available ${sku.available})`);
  for (const sku of check.shrinking)
    lines.push(`  ${sku.sku}: recounts keep coming up short (${sku.missingUnits} units)`);
  const stale = check.staleCounts.length;
  lines.push(
    `  counts older than 90 days or never made: ${stale === 0 ? 'none' : `${stale} ${stale === 1 ? 'SKU' : 'SKUs'}`}`,
  );
  return lines;
}

export function stockReport({ models, history, asOf }: ReportContext): Report {
  const check = truthCheck(models.stock, history, { asOf });
  const skus = [...models.stock.skus.values()].sort((a, b) => a.sku.localeCompare(b.sku));
  const text = [
    `Stock as of ${asOf.toISOString()}${skus.length === 0 ? ': no SKU yet' : ''}`,
    ...(skus.length === 0
      ? []
      : [
          table(
            ['sku', 'on hand', 'committed', 'available', 'last counted'],
            skus.map((sku) => [
              sku.sku,
              sku.onHand,
              sku.committed,
              sku.available,
              sku.lastCountedAt?.slice(0, 10) ?? 'never',
            ]),
          ),
        ]),
    `\nTruth check: ${check.truthful ? 'the counts match a fresh fold of the history' : `${check.differences.length} differences, ${check.oversold.length} oversold, ${check.shrinking.length} shrinking`}`,
    ...truthCheckLines(check),
  ].join('\n');
  return { data: { skus, truthCheck: check }, text };
}

export function customerReport({ models }: ReportContext, customerId: string, limit = 10): Report {
  // As typed first; then lowercased, as imports store email addresses.
  const timeline = models.timeline.customers.get(customerId) ?? models.timeline.customers.get(customerId.toLowerCase());
  if (timeline === undefined) throw new UserError(`no customer "${customerId}" in this history`);
  const entries = timeline.entries.map((entry) => ({ ...entry, summary: describeEntry(entry) }));
  const text = [
    `Customer ${customerId}: ${timeline.orderCount} orders (${timeline.cancelledCount} cancelled), first ${timeline.firstOrderAt?.slice(0, 10)}, last ${timeline.lastOrderAt?.slice(0, 10)}, net spend ${timeline.currency ?? ''} ${amount(timeline.paid - timeline.refunded)}`,
    // The newest moments first when the list is cut: what happened lately is what a shopkeeper asks.
    tableOf(['when', 'what'], entries.length > limit ? entries.slice(-limit) : entries, limit, (entry) => [
      entry.at.replace('T', ' ').slice(0, 16),
      entry.summary,
    ]),
    ...(entries.length > limit ? [`(the latest ${limit} of ${entries.length}; --limit N or --all shows more)`] : []),
  ].join('\n');
  return { data: { ...timeline, entries }, text };
}

/** The expected next order, marked when it is already past. */
function nextOrder(expected: string | null | undefined, asOf: Date): string {
  if (expected === null || expected === undefined) return '';
  return Date.parse(expected) < asOf.getTime() ? `${expected.slice(0, 10)} (overdue)` : expected.slice(0, 10);
}

export function customersReport(context: ReportContext, limit = 10): Report {
  const { models, asOf } = context;
  const scored = rfm(customerMetrics(models.best, asOf));
  const value = customerValueOf(context);
  const valueById = new Map(value.byCustomer.map((customer) => [customer.customerId, customer]));
  const best = rankByValue(scored).map((customer) => {
    const predicted = valueById.get(customer.customerId);
    return {
      ...customer,
      pAlive: predicted?.pAlive ?? null,
      expectedOrders90Days: predicted?.expectedPurchases90Days ?? null,
      clv: predicted?.clv ?? null,
    };
  });
  const segments: Record<string, number> = {};
  for (const customer of scored) segments[customer.segment] = (segments[customer.segment] ?? 0) + 1;
  // A pair bought together less often than chance (lift below 1) is not "bought together".
  const pairs = boughtTogether(models.best).filter((pair) => pair.lift > 1);
  const gateways = gatewayProducts(models.best, { asOf });
  const customers = models.best.customers.size;
  const rhythm = reorderRhythm(models.best);
  const claims = neverArrivedClaims(models.best);
  const data = {
    customers,
    buyers: scored.length,
    repeatPurchaseRate: repeatPurchaseRate(scored),
    segments,
    best,
    boughtTogether: pairs,
    gateways,
    reorderRhythm: rhythm,
    claims,
    value: {
      unit: value.unit,
      horizon: value.horizon,
      bgnbd: value.bgnbd,
      gammaGamma: value.gammaGamma,
      warnings: value.warnings,
    },
  };
  // The customer analytics sum an order's money whatever its currency: say which it is in, and
  // warn when the store takes more than one.
  const currencies = new Set<string>();
  for (const orders of models.best.customers.values()) for (const order of orders) currencies.add(order.currency);
  const moneyIn =
    currencies.size === 1
      ? `money in ${[...currencies][0]}`
      : `money in ${[...currencies].sort().join(' and ')} added together: the customer figures do not yet keep currencies apart`;
  const text = [
    `Best customers as of ${asOf.toISOString().slice(0, 10)}: ${customers} ${customers === 1 ? 'customer' : 'customers'}, ${scored.length} of them buyers who kept something (${customers - scored.length} had every order cancelled or refunded); repeat purchase rate ${(data.repeatPurchaseRate * 100).toFixed(1)}%`,
    tableOf(
      [
        'customer',
        'orders',
        'net spend',
        'AOV',
        'days since',
        'RFM',
        'segment',
        'next order',
        'P(alive)',
        'next 90d',
        'CLV',
      ],
      best,
      limit,
      (customer) => [
        customer.customerId,
        customer.frequency,
        amount(customer.monetary),
        amount(Math.round(customer.averageOrderValue)),
        customer.recencyDays,
        `${customer.r}${customer.f}${customer.m}`,
        codeInWords(customer.segment),
        nextOrder(customer.expectedNextOrderAt, asOf),
        customer.pAlive === null ? '' : `${Math.round(customer.pAlive * 100)}%`,
        customer.expectedOrders90Days === null ? '' : customer.expectedOrders90Days.toFixed(1),
        customer.clv === null ? '' : amount(Math.round(customer.clv)),
      ],
    ),
    `(${currencies.size === 0 ? '' : `${moneyIn}; `}AOV: average order value; RFM: recency, frequency and money scores, 5 best; P(alive): chance they still buy; next 90d: orders expected; CLV: value expected over the horizon)`,
    ...value.warnings.map((warning) => `Note: ${warning}`),
    `\nSegments: ${Object.entries(segments)
      .map(([segment, count]) => `${codeInWords(segment)} ${count}`)
      .join(', ')}`,
    '\nBought together (more often than chance)',
    pairs.length === 0
      ? '  (no pair on 3 or more orders with lift above 1)'
      : tableOf(['a', 'b', 'orders', 'confidence a→b', 'lift'], pairs, limit, (pair) => [
          pair.a,
          pair.b,
          pair.orders,
          pair.confidenceAToB.toFixed(2),
          pair.lift.toFixed(2),
        ]),
    '(confidence a→b: share of orders with a that have b; lift: how many times more often than chance)',
    '\nGateway products (first order → later spend)',
    gateways.length === 0
      ? '  (no cohort large enough yet)'
      : tableOf(['sku', 'cohort', 'repeat rate', 'index'], gateways, limit, (gateway) => [
          gateway.sku,
          gateway.cohort,
          gateway.repeatRate.toFixed(2),
          gateway.gatewayIndex.toFixed(2),
        ]),
    '(cohort: buyers whose first order held it; index: their later spend against the average first-time buyer)',
    '\nReorder rhythm',
    rhythm.length === 0
      ? '  (nobody reordered yet)'
      : tableOf(['sku', 'median days'], rhythm, limit, (entry) => [entry.sku, Math.round(entry.medianDays)]),
    `\n"Never arrived" claims: ${claims.byCustomer.reduce((sum, entry) => sum + entry.claims, 0)}; addresses with more than one: ${claims.byAddress.filter((entry) => entry.claims > 1).length}`,
  ].join('\n');
  return { data, text };
}

export function followUpsReport({ models, asOf }: ReportContext, limit = 10): Report {
  const skus = [...models.stock.skus.keys()];
  const consumables = Object.fromEntries(skus.map((sku) => [sku, {}]));
  const since = subDays(asOf, 7, { in: utc });
  const due = dueFollowUps(models.followUps, { since, asOf, consumables });
  const text = [
    `Follow-ups due ${since.toISOString().slice(0, 10)} to ${asOf.toISOString().slice(0, 10)}: ${due.length === 0 ? 'none' : due.length}`,
    ...(due.length === 0
      ? []
      : [
          tableOf(['due', 'what', 'customer', 'order / sku'], due, limit, (followUp) => [
            followUp.dueAt.slice(0, 10),
            codeInWords(followUp.kind),
            followUp.customerId,
            followUp.kind === 'reorder-nudge' ? followUp.sku : followUp.orderId,
          ]),
        ]),
  ].join('\n');
  return { data: due, text };
}

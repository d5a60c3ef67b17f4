import { utc } from '@date-fns/utc';
import type { RecordedEvent } from '@order-ledger/core';
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
import { truthCheck } from '@order-ledger/projection-stock-counts';
import { weeklySweep } from '@order-ledger/weekly-sweep';
import { subDays } from 'date-fns';
import { UserError } from '../cli-error';
import { amount, table, tableOf } from '../output';
import type { ReadModels } from './read-models';
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
    lines.push(`\n${status.replaceAll('_', ' ')}: ${rows.length}`);
    if (rows.length === 0) continue;
    lines.push(
      tableOf(['order', 'customer', 'nth', 'days', 'promised by', 'stuck'], rows, limit, (row) => {
        const order = models.board.orders.get(row.orderId);
        const why = order?.claimed === true ? [...row.stuck, 'claimed: never arrived'] : row.stuck;
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
        money.kind.replaceAll('-', ' '),
        `${money.currency} ${amount(money.amount)}`,
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
  lines.push(`\nWhat's stuck: ${sweep.stuck.length}`);
  if (sweep.stuck.length > 0) {
    lines.push(
      tableOf(['order', 'customer', 'status', 'days', 'why'], sweep.stuck, limit, (row) => [
        row.orderId,
        row.customerId,
        row.status.replaceAll('_', ' '),
        row.ageDays,
        row.stuck.join(', '),
      ]),
    );
  }
  const owed = sweep.pendingMoney.filter(
    (money) => money.kind === 'refund-owed' || money.kind === 'cancelled-not-refunded',
  );
  const due = sweep.pendingMoney.filter(
    (money) => money.kind === 'partial-payment-due' || money.kind === 'awaiting-payment',
  );
  lines.push(`\nPending money: ${owed.length} refunds owed, ${due.length} payments due`);
  if (sweep.pendingMoney.length > 0) {
    lines.push(
      tableOf(['order', 'what', 'amount'], sweep.pendingMoney, limit, (money) => [
        money.orderId,
        money.kind.replaceAll('-', ' '),
        `${money.currency} ${amount(money.amount)}`,
      ]),
    );
  }
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
  for (const difference of sweep.stock.differences) {
    lines.push(
      `  ${difference.sku}: ${difference.field} ${difference.counts}, ${difference.against} says ${difference.expected}`,
    );
  }
  for (const sku of sweep.stock.oversold)
    lines.push(`  ${sku.sku}: promised beyond the shelf (available ${sku.available})`);
  for (const sku of sweep.stock.shrinking)
    lines.push(`  ${sku.sku}: recounts keep coming up short (${sku.missingUnits} units)`);
  lines.push(`  counts older than 90 days or never made: ${sweep.stock.staleCounts.length} SKUs`);
  lines.push('\nThe week by hand:');
  for (const [reason, entry] of Object.entries(sweep.adjustments))
    lines.push(
      `  ${reason.replaceAll('_', ' ')}: ${entry.entries === 1 ? 'once' : `${entry.entries} times`}, ${entry.units} units`,
    );
  lines.push('Refunds this week:');
  for (const [reason, entry] of Object.entries(sweep.refunds)) {
    lines.push(
      `  ${reason.replaceAll('_', ' ')}: ${entry.refunds} (${amount(entry.amount)}), ${entry.returnedUnits} units back`,
    );
  }
  lines.push('\nHas the store outgrown a weekly sweep?');
  if (sweep.outgrown.length === 0) lines.push('  no sign of it');
  for (const sign of sweep.outgrown) {
    if (sign.kind === 'stuck-week-after-week')
      lines.push(`  stuck orders in ${sign.consecutiveWeeks} weekly sweeps in a row (${sign.stuckPerWeek.join(', ')})`);
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

export function stockReport({ models, history, asOf }: ReportContext): Report {
  const check = truthCheck(models.stock, history, { asOf });
  const skus = [...models.stock.skus.values()].sort((a, b) => a.sku.localeCompare(b.sku));
  const text = [
    `Stock as of ${asOf.toISOString()}`,
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
    `\nTruth check: ${check.truthful ? 'the counts match a fresh fold of the history' : `${check.differences.length} differences, ${check.oversold.length} oversold, ${check.shrinking.length} shrinking`}`,
  ].join('\n');
  return { data: { skus, truthCheck: check }, text };
}

export function customerReport({ models }: ReportContext, customerId: string): Report {
  // As typed first; then lowercased, as imports store email addresses.
  const timeline = models.timeline.customers.get(customerId) ?? models.timeline.customers.get(customerId.toLowerCase());
  if (timeline === undefined) throw new UserError(`no customer "${customerId}" in this history`);
  const entries = timeline.entries.map((entry) => ({ ...entry, summary: describeEntry(entry) }));
  const text = [
    `Customer ${customerId}: ${timeline.orderCount} orders (${timeline.cancelledCount} cancelled), first ${timeline.firstOrderAt?.slice(0, 10)}, last ${timeline.lastOrderAt?.slice(0, 10)}, net spend ${timeline.currency ?? ''} ${amount(timeline.paid - timeline.refunded)}`,
    table(
      ['when', 'what'],
      entries.map((entry) => [entry.at.replace('T', ' ').slice(0, 16), entry.summary]),
    ),
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
  const text = [
    `Best customers as of ${asOf.toISOString().slice(0, 10)}: ${customers} customers, ${scored.length} of them buyers who kept something (${customers - scored.length} had every order cancelled or refunded); repeat purchase rate ${(data.repeatPurchaseRate * 100).toFixed(1)}%`,
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
        customer.segment.replaceAll('_', ' '),
        nextOrder(customer.expectedNextOrderAt, asOf),
        customer.pAlive === null ? '' : `${Math.round(customer.pAlive * 100)}%`,
        customer.expectedOrders90Days === null ? '' : customer.expectedOrders90Days.toFixed(1),
        customer.clv === null ? '' : amount(Math.round(customer.clv)),
      ],
    ),
    '(AOV: average order value; RFM: recency, frequency and money scores, 5 best; P(alive): chance they still buy; next 90d: orders expected; CLV: value expected over the horizon)',
    ...value.warnings.map((warning) => `Note: ${warning}`),
    `\nSegments: ${Object.entries(segments)
      .map(([segment, count]) => `${segment.replaceAll('_', ' ')} ${count}`)
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

export function followUpsReport({ models, asOf }: ReportContext): Report {
  const skus = [...models.stock.skus.keys()];
  const consumables = Object.fromEntries(skus.map((sku) => [sku, {}]));
  const since = subDays(asOf, 7, { in: utc });
  const due = dueFollowUps(models.followUps, { since, asOf, consumables });
  const text = [
    `Follow-ups due ${since.toISOString().slice(0, 10)} to ${asOf.toISOString().slice(0, 10)}: ${due.length}`,
    due.length === 0
      ? ''
      : table(
          ['due', 'what', 'customer', 'order / sku'],
          due.map((followUp) => [
            followUp.dueAt.slice(0, 10),
            followUp.kind,
            followUp.customerId,
            followUp.kind === 'reorder-nudge' ? followUp.sku : followUp.orderId,
          ]),
        ),
  ].join('\n');
  return { data: due, text };
}

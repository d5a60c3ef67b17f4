import { medianOf, reorderRhythmDays, type SkuPurchase } from '@order-ledger/core';
import { type BestCustomersState, type CustomerOrder, netValue, qualifies } from './best-customers-state';
import {
  defaultFixedRfmThresholds,
  type FixedRfmThresholds,
  fixedRecencyScore,
  fixedScore,
  quintileScores,
  type RfmSegment,
  rfmSegment,
} from './rfm';

const dayMs = 86_400_000;

export interface CustomerMetrics {
  readonly customerId: string;
  /** Qualifying orders (not cancelled, something kept). */
  readonly frequency: number;
  /** Net spend after refunds over qualifying orders, minor units. */
  readonly monetary: number;
  /** Whole days since the last qualifying order. */
  readonly recencyDays: number;
  readonly averageOrderValue: number;
  readonly firstOrderAt: string;
  readonly lastOrderAt: string;
  /** (last − first) / (n − 1), in days; undefined with one order. */
  readonly averageDaysBetweenOrders: number | undefined;
  /** The last order plus the average gap; undefined with one order. */
  readonly expectedNextOrderAt: string | undefined;
}

export interface RfmCustomer extends CustomerMetrics {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: RfmSegment;
}

function qualifyingOrders(orders: readonly CustomerOrder[]): CustomerOrder[] {
  return orders.filter(qualifies).sort((a, b) => a.placedAt.localeCompare(b.placedAt));
}

/** R, F, M and the time between orders for every customer with a qualifying order placed by `asOf`. */
export function customerMetrics(state: BestCustomersState, asOf: Date): CustomerMetrics[] {
  const metrics: CustomerMetrics[] = [];
  for (const [customerId, orders] of state.customers) {
    const kept = qualifyingOrders(orders).filter((order) => Date.parse(order.placedAt) <= asOf.getTime());
    const first = kept[0];
    const last = kept.at(-1);
    if (first === undefined || last === undefined) continue;
    const monetary = kept.reduce((sum, order) => sum + netValue(order), 0);
    const span = Date.parse(last.placedAt) - Date.parse(first.placedAt);
    const gap = kept.length > 1 ? span / (kept.length - 1) : undefined;
    metrics.push({
      customerId,
      frequency: kept.length,
      monetary,
      recencyDays: Math.floor((asOf.getTime() - Date.parse(last.placedAt)) / dayMs),
      averageOrderValue: monetary / kept.length,
      firstOrderAt: first.placedAt,
      lastOrderAt: last.placedAt,
      averageDaysBetweenOrders: gap === undefined ? undefined : gap / dayMs,
      expectedNextOrderAt: gap === undefined ? undefined : new Date(Date.parse(last.placedAt) + gap).toISOString(),
    });
  }
  return metrics.sort((a, b) => a.customerId.localeCompare(b.customerId));
}

export interface RfmOptions {
  /** Below this many customers, fixed thresholds replace quintiles. Default 20. */
  readonly minForQuintiles?: number;
  readonly fixedThresholds?: FixedRfmThresholds;
}

/** R, F and M scored 1–5 (by quintile, or fixed thresholds in a small store), with the segment. */
export function rfm(metrics: readonly CustomerMetrics[], options: RfmOptions = {}): RfmCustomer[] {
  const small = metrics.length < (options.minForQuintiles ?? 20);
  const fixed = options.fixedThresholds ?? defaultFixedRfmThresholds;
  // Fewer days since the last order is better, so recency is ranked on its negation.
  const r = small
    ? metrics.map((customer) => fixedRecencyScore(customer.recencyDays, fixed.recencyDays))
    : quintileScores(metrics.map((customer) => -customer.recencyDays));
  const f = small
    ? metrics.map((customer) => fixedScore(customer.frequency, fixed.frequency))
    : quintileScores(metrics.map((customer) => customer.frequency));
  const m = small
    ? metrics.map((customer) => fixedScore(customer.monetary, fixed.monetary))
    : quintileScores(metrics.map((customer) => customer.monetary));
  return metrics.map((customer, index) => {
    const scores = { r: r[index] ?? 1, f: f[index] ?? 1, m: m[index] ?? 1 };
    return { ...customer, ...scores, segment: rfmSegment(scores.r, scores.f, scores.m, customer.frequency) };
  });
}

/** Customers with two or more qualifying orders, over customers with at least one. */
export function repeatPurchaseRate(metrics: readonly CustomerMetrics[]): number {
  if (metrics.length === 0) return 0;
  return metrics.filter((customer) => customer.frequency >= 2).length / metrics.length;
}

export interface BoughtTogether {
  readonly a: string;
  readonly b: string;
  /** Qualifying orders holding both. */
  readonly orders: number;
  readonly support: number;
  /** P(b | a) and P(a | b). */
  readonly confidenceAToB: number;
  readonly confidenceBToA: number;
  /** P(a, b) / (P(a) P(b)): above 1, bought together more than chance. */
  readonly lift: number;
}

/** Pairs of SKUs on the same qualifying orders, at least `minOrders` times (default 3), by lift. */
export function boughtTogether(
  state: BestCustomersState,
  options: { readonly minOrders?: number } = {},
): BoughtTogether[] {
  const minOrders = options.minOrders ?? 3;
  const single = new Map<string, number>();
  const pairs = new Map<string, number>();
  let total = 0;
  for (const orders of state.customers.values()) {
    for (const order of orders) {
      if (!qualifies(order)) continue;
      total += 1;
      const skus = Object.keys(order.skus).sort();
      for (const sku of skus) single.set(sku, (single.get(sku) ?? 0) + 1);
      for (let i = 0; i < skus.length; i += 1) {
        for (let j = i + 1; j < skus.length; j += 1) {
          const key = `${skus[i]}\u0000${skus[j]}`;
          pairs.set(key, (pairs.get(key) ?? 0) + 1);
        }
      }
    }
  }
  const result: BoughtTogether[] = [];
  for (const [key, both] of pairs) {
    if (both < minOrders) continue;
    const [a = '', b = ''] = key.split('\u0000');
    const countA = single.get(a) ?? 0;
    const countB = single.get(b) ?? 0;
    result.push({
      a,
      b,
      orders: both,
      support: both / total,
      confidenceAToB: both / countA,
      confidenceBToA: both / countB,
      lift: (both * total) / (countA * countB),
    });
  }
  return result.sort((x, y) => y.lift - x.lift || y.orders - x.orders || x.a.localeCompare(y.a));
}

export interface GatewayProduct {
  readonly sku: string;
  /** Customers whose first qualifying order held the SKU, and is at least `horizonDays` old. */
  readonly cohort: number;
  /** Share of the cohort who ordered again within the horizon. */
  readonly repeatRate: number;
  /** Mean net spend after the first order, within the horizon. */
  readonly meanLaterSpend: number;
  /** The cohort's mean later spend over every eligible customer's. */
  readonly gatewayIndex: number;
}

/** Which first products lead to later spending (domain.md, section 6). */
export function gatewayProducts(
  state: BestCustomersState,
  options: { readonly asOf: Date; readonly horizonDays?: number; readonly minCohort?: number },
): GatewayProduct[] {
  const horizon = (options.horizonDays ?? 180) * dayMs;
  const minCohort = options.minCohort ?? 5;
  const eligible: { firstSkus: string[]; laterSpend: number; repeated: boolean }[] = [];
  for (const orders of state.customers.values()) {
    const kept = qualifyingOrders(orders);
    const first = kept[0];
    if (first === undefined) continue;
    const start = Date.parse(first.placedAt);
    if (options.asOf.getTime() - start < horizon) continue;
    const later = kept.slice(1).filter((order) => Date.parse(order.placedAt) - start <= horizon);
    eligible.push({
      firstSkus: Object.keys(first.skus),
      laterSpend: later.reduce((sum, order) => sum + netValue(order), 0),
      repeated: later.length > 0,
    });
  }
  if (eligible.length === 0) return [];
  const overallMean = eligible.reduce((sum, customer) => sum + customer.laterSpend, 0) / eligible.length;
  const cohorts = new Map<string, typeof eligible>();
  for (const customer of eligible) {
    for (const sku of customer.firstSkus) cohorts.set(sku, [...(cohorts.get(sku) ?? []), customer]);
  }
  const result: GatewayProduct[] = [];
  for (const [sku, cohort] of cohorts) {
    if (cohort.length < minCohort) continue;
    const meanLaterSpend = cohort.reduce((sum, customer) => sum + customer.laterSpend, 0) / cohort.length;
    result.push({
      sku,
      cohort: cohort.length,
      repeatRate: cohort.filter((customer) => customer.repeated).length / cohort.length,
      meanLaterSpend,
      gatewayIndex: overallMean === 0 ? 0 : meanLaterSpend / overallMean,
    });
  }
  return result.sort((a, b) => b.gatewayIndex - a.gatewayIndex || a.sku.localeCompare(b.sku));
}

/** Every SKU bought on qualifying orders, one purchase per order. */
export function purchasesOf(state: BestCustomersState): SkuPurchase[] {
  const purchases: SkuPurchase[] = [];
  for (const [customerId, orders] of state.customers) {
    for (const order of orders) {
      if (!qualifies(order)) continue;
      for (const [sku, quantity] of Object.entries(order.skus))
        purchases.push({ customerId, sku, at: order.placedAt, quantity });
    }
  }
  return purchases;
}

/** Each SKU's reorder rhythm: the median days between a customer's repeat purchases of it. */
export function reorderRhythm(state: BestCustomersState): { sku: string; medianDays: number }[] {
  return [...reorderRhythmDays(purchasesOf(state))]
    .map(([sku, medianDays]) => ({ sku, medianDays }))
    .sort((a, b) => a.sku.localeCompare(b.sku));
}

export interface ClaimCounts {
  /** One claim reads as weather; the same customer or address twice reads as data. */
  readonly byCustomer: readonly { readonly customerId: string; readonly claims: number }[];
  readonly byAddress: readonly { readonly address: string; readonly claims: number }[];
}

export function neverArrivedClaims(state: BestCustomersState): ClaimCounts {
  const sorted = <K extends string>(counts: Iterable<[string, number]>, key: K) =>
    [...counts]
      .map(([name, claims]) => ({ [key]: name, claims }) as { [P in K]: string } & { claims: number })
      .sort((a, b) => b.claims - a.claims || String(a[key]).localeCompare(String(b[key])));
  return {
    byCustomer: sorted(state.claimsByCustomer, 'customerId'),
    byAddress: sorted(state.claimsByAddress, 'address'),
  };
}

/** Best customers first: by net spend, then by number of orders. */
export function rankByValue<T extends CustomerMetrics>(customers: readonly T[]): T[] {
  return [...customers].sort(
    (a, b) => b.monetary - a.monetary || b.frequency - a.frequency || a.customerId.localeCompare(b.customerId),
  );
}

export { medianOf };

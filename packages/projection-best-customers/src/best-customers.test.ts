import { foldProjection, InMemoryEventStore, OrderLedger } from '@order-ledger/core';
import { ledgerScenarioArbitrary, readEverything, replayVariants, runScenario } from '@order-ledger/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boughtTogether,
  customerMetrics,
  gatewayProducts,
  neverArrivedClaims,
  reorderRhythm,
  repeatPurchaseRate,
  rfm,
} from './analytics';
import { bestCustomers } from './best-customers';
import { quintileScores, rfmSegment } from './rfm';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const prices: Record<string, number> = { TEA: 1000, MUG: 2000, POT: 5000, CANDLE: 1500 };

/**
 * The small history the figures below are worked out from, by hand:
 *   ada    o1 1 Jan TEA+MUG 3000 · o2 31 Jan TEA 1000 · o3 2 Mar TEA+POT 6000, 1000 refunded
 *   grace  g1 10 Jan TEA+MUG 3000 · g2 24 Feb TEA 1000
 *   linus  l1 1 Feb MUG+TEA 3000 · l2 15 Feb CANDLE 1500, cancelled and refunded
 *   margaret m1 1 Jun CANDLE×2 3000
 *   alan   x1 30 Nov TEA+MUG 3000, never paid
 */
async function history() {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
  const order = async (orderId: string, customerId: string, day: string, skus: Record<string, number>, pay = true) => {
    const lines = Object.entries(skus).map(([sku, quantity], index) => ({
      lineId: `l${index}`,
      sku,
      quantity,
      unitPrice: eur(prices[sku] ?? 0),
      kind: 'physical' as const,
    }));
    const at = `2026-${day}T10:00:00Z`;
    await ledger.execute({
      type: 'PlaceOrder',
      orderId,
      customerId,
      at,
      currency: 'EUR',
      lines,
      delivery: { method: 'pickup' },
    });
    const total = lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0);
    if (pay)
      await ledger.execute({ type: 'Pay', orderId, at, paymentId: `p-${orderId}`, amount: eur(total), method: 'card' });
  };
  await order('o1', 'ada', '01-01', { TEA: 1, MUG: 1 });
  await order('o2', 'ada', '01-31', { TEA: 1 });
  await order('o3', 'ada', '03-02', { TEA: 1, POT: 1 });
  await ledger.execute({
    type: 'RefundAmount',
    orderId: 'o3',
    at: '2026-03-03T10:00:00Z',
    refundId: 'r3',
    reason: 'damaged',
    amount: eur(1000),
  });
  await order('g1', 'grace', '01-10', { TEA: 1, MUG: 1 });
  await order('g2', 'grace', '02-24', { TEA: 1 });
  await order('l1', 'linus', '02-01', { MUG: 1, TEA: 1 });
  await order('l2', 'linus', '02-15', { CANDLE: 1 });
  await ledger.execute({ type: 'CancelOrder', orderId: 'l2', at: '2026-02-15T11:00:00Z', reason: 'customer' });
  await order('m1', 'margaret', '06-01', { CANDLE: 2 });
  await order('x1', 'alan', '11-30', { TEA: 1, MUG: 1 }, false);
  return foldProjection(bestCustomers, await readEverything(store)).state;
}

describe('best customers: figures worked out by hand', () => {
  it('R, F, M, AOV and the time between orders, as of 15 March', async () => {
    const metrics = customerMetrics(await history(), new Date('2026-03-15T10:00:00Z'));
    expect(metrics).toEqual([
      {
        customerId: 'ada',
        frequency: 3,
        monetary: 9000,
        recencyDays: 13,
        averageOrderValue: 3000,
        firstOrderAt: '2026-01-01T10:00:00Z',
        lastOrderAt: '2026-03-02T10:00:00Z',
        averageDaysBetweenOrders: 30,
        expectedNextOrderAt: '2026-04-01T10:00:00.000Z',
      },
      {
        customerId: 'grace',
        frequency: 2,
        monetary: 4000,
        recencyDays: 19,
        averageOrderValue: 2000,
        firstOrderAt: '2026-01-10T10:00:00Z',
        lastOrderAt: '2026-02-24T10:00:00Z',
        averageDaysBetweenOrders: 45,
        expectedNextOrderAt: '2026-04-10T10:00:00.000Z',
      },
      {
        customerId: 'linus',
        frequency: 1,
        monetary: 3000,
        recencyDays: 42,
        averageOrderValue: 3000,
        firstOrderAt: '2026-02-01T10:00:00Z',
        lastOrderAt: '2026-02-01T10:00:00Z',
        averageDaysBetweenOrders: undefined,
        expectedNextOrderAt: undefined,
      },
    ]);
    expect(repeatPurchaseRate(metrics)).toBeCloseTo(2 / 3);
  });

  it('scores RFM with fixed thresholds in a small store, and names the segments', async () => {
    const scored = rfm(customerMetrics(await history(), new Date('2026-03-15T10:00:00Z')));
    // ada: 13 days → R5; 3 orders → F3; 9000 → M3; FM 3 → "active".
    // grace: 19 days → R5; F2, M2 → FM 2, more than one order → "promising".
    // linus: 42 days → R4; F1, M2 → FM 1.5 → "promising".
    expect(scored.map(({ customerId, r, f, m, segment }) => ({ customerId, r, f, m, segment }))).toEqual([
      { customerId: 'ada', r: 5, f: 3, m: 3, segment: 'active' },
      { customerId: 'grace', r: 5, f: 2, m: 2, segment: 'promising' },
      { customerId: 'linus', r: 4, f: 1, m: 2, segment: 'promising' },
    ]);
  });

  it('scores quintiles by rank, ties sharing a score, and reads the grid', () => {
    expect(quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([5, 5, 5, 9])).toEqual([1, 1, 1, 4]);
    expect(rfmSegment(5, 5, 5, 9)).toBe('champions');
    expect(rfmSegment(5, 1, 1, 1)).toBe('new');
    expect(rfmSegment(1, 5, 4, 12)).toBe('previously_loyal');
    expect(rfmSegment(2, 4, 3, 4)).toBe('at_risk');
  });

  it('finds what is bought together, with support, confidence and lift', async () => {
    // Seven qualifying orders; TEA on six, MUG on three, both on three.
    expect(boughtTogether(await history())).toEqual([
      { a: 'MUG', b: 'TEA', orders: 3, support: 3 / 7, confidenceAToB: 1, confidenceBToA: 0.5, lift: 21 / 18 },
    ]);
    expect(boughtTogether(await history(), { minOrders: 4 })).toEqual([]);
  });

  it('finds gateway products: first-order SKUs whose buyers spend more later', async () => {
    // Eligible (first order ≥ 180 days before 31 Dec): ada spends 6000 later, grace 1000, linus 0,
    // margaret 0; the mean is 1750. TEA's and MUG's cohort (ada, grace, linus): 7000 / 3.
    const gateways = gatewayProducts(await history(), { asOf: new Date('2026-12-31T10:00:00Z'), minCohort: 1 });
    expect(
      gateways.map(({ sku, cohort, repeatRate, meanLaterSpend, gatewayIndex }) => ({
        sku,
        cohort,
        repeatRate,
        meanLaterSpend,
        gatewayIndex,
      })),
    ).toEqual([
      { sku: 'MUG', cohort: 3, repeatRate: 2 / 3, meanLaterSpend: 7000 / 3, gatewayIndex: 7000 / 3 / 1750 },
      { sku: 'TEA', cohort: 3, repeatRate: 2 / 3, meanLaterSpend: 7000 / 3, gatewayIndex: 7000 / 3 / 1750 },
      { sku: 'CANDLE', cohort: 1, repeatRate: 0, meanLaterSpend: 0, gatewayIndex: 0 },
    ]);
    expect(gatewayProducts(await history(), { asOf: new Date('2026-12-31T10:00:00Z') })).toEqual([]);
  });

  it('gives each product’s reorder rhythm: the median days between repeat purchases', async () => {
    // TEA: ada 30 and 30 days apart, grace 45: median 30. Nobody bought a MUG twice.
    expect(reorderRhythm(await history())).toEqual([{ sku: 'TEA', medianDays: 30 }]);
  });

  it('counts "never arrived" claims by customer and by address, however the address is typed', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
    const shipAndClaim = async (orderId: string, customerId: string, line1: string) => {
      const at = '2026-03-02T10:00:00Z';
      await ledger.execute({
        type: 'PlaceOrder',
        orderId,
        customerId,
        at,
        currency: 'EUR',
        lines: [{ lineId: 'l1', sku: 'TEA', quantity: 1, unitPrice: eur(1000), kind: 'physical' }],
        delivery: { method: 'ship', address: { line1, city: 'Porto', country: 'PT' } },
      });
      await ledger.execute({ type: 'Pay', orderId, at, paymentId: `p${orderId}`, amount: eur(1000), method: 'card' });
      await ledger.execute({ type: 'Ship', orderId, at });
      await ledger.execute({ type: 'ClaimNeverArrived', orderId, at, claimId: `c${orderId}` });
    };
    await shipAndClaim('1', 'ada', '1 Harbour Street');
    await shipAndClaim('2', 'linus', '1  harbour street ');
    await shipAndClaim('3', 'grace', '9 Other Road');
    const claims = neverArrivedClaims(foldProjection(bestCustomers, await readEverything(store)).state);
    expect(claims.byAddress).toEqual([
      { address: '1 harbour street|||porto|pt', claims: 2 },
      { address: '9 other road|||porto|pt', claims: 1 },
    ]);
    expect(claims.byCustomer).toEqual([
      { customerId: 'ada', claims: 1 },
      { customerId: 'grace', claims: 1 },
      { customerId: 'linus', claims: 1 },
    ]);
  });
});

describe('best customers laws', () => {
  it('an event fed twice changes nothing, and a rebuild equals the incremental result', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerScenarioArbitrary(), fc.nat(), fc.nat(), fc.nat(), async (scenario, pick, delay, cut) => {
        const events = await readEverything((await runScenario(scenario)).store);
        const { once, twice, inPieces } = await replayVariants(bestCustomers, events, { pick, delay, cut });
        expect(twice).toEqual(once);
        expect(inPieces.state).toEqual(once.state);
      }),
      { numRuns: 60 },
    );
  });
});

import type { RecordedEvent } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { customerValueReport, lapsingValuableCustomers } from './customer-value-report';
import { readCdnowSample } from './testing/cdnow';

/** The CDNOW sample as a ledger history: each line an order of one digital item, at noon UTC. */
function cdnowHistory(): RecordedEvent[] {
  return readCdnowSample().map((purchase, index): RecordedEvent => {
    const orderId = `cd${index}`;
    return {
      eventId: `e${index}`,
      streamId: `order-${orderId}`,
      revision: 0,
      position: index + 1,
      schemaVersion: 1,
      metadata: {},
      recordedAt: '2026-01-01T00:00:00Z',
      type: 'OrderPlaced',
      data: {
        at: `${purchase.day}T12:00:00Z`,
        orderId,
        customerId: purchase.customerId,
        currency: 'USD',
        lines: [
          {
            lineId: 'l1',
            sku: 'CD',
            quantity: 1,
            unitPrice: { amount: Math.round(purchase.spend * 100), currency: 'USD' },
            kind: 'digital',
          },
        ],
        shipping: { amount: 0, currency: 'USD' },
        tax: { amount: 0, currency: 'USD' },
        discount: { amount: 0, currency: 'USD' },
        delivery: { method: 'none' },
      },
    };
  });
}

describe('the customer value report, from a ledger history', () => {
  it('on the CDNOW sample, end to end from orders, finds the published fit (its eight $0 first orders aside)', () => {
    const report = customerValueReport(cdnowHistory(), { asOf: new Date('1997-09-30T23:59:59Z'), unit: 'weeks' });
    // A first order of $0 is no purchase here: 8 of the 2,357 customers bought nothing in the window.
    expect(report.customers).toBe(2349);
    expect(report.currency).toBe('USD');
    const fit = report.bgnbd;
    if (fit === null) throw new Error('expected a fit');
    const near = (value: number, published: number, tolerance: number) =>
      expect(Math.abs(value / published - 1)).toBeLessThan(tolerance);
    near(fit.r, 0.243, 0.03);
    near(fit.alpha, 4.414, 0.03);
    near(fit.a, 0.793, 0.05);
    near(fit.b, 2.426, 0.05);
    const spend = report.gammaGamma;
    if (spend === null) throw new Error('expected a spend fit');
    near(spend.p, 6.25, 0.05);
    // Spend is in cents here, dollars in the paper: γ scales with the unit, p and q do not.
    near(spend.gamma / 100, 15.44, 0.05);
    for (const customer of report.byCustomer) {
      expect(customer.pAlive).toBeGreaterThan(0);
      expect(customer.pAlive).toBeLessThanOrEqual(1);
      expect(customer.clv).toBeGreaterThanOrEqual(0);
    }
    const clvs = report.byCustomer.map((customer) => customer.clv ?? 0);
    expect(clvs).toEqual([...clvs].sort((a, b) => b - a));
  });

  it('names the valuable customers who have probably lapsed, and only them', () => {
    const report = customerValueReport(cdnowHistory(), { asOf: new Date('1997-09-30T23:59:59Z') });
    const lapsing = lapsingValuableCustomers(report);
    expect(lapsing.length).toBeGreaterThan(0);
    const repeaters = report.byCustomer.filter((customer) => customer.frequency > 0);
    const spends = repeaters.map((customer) => customer.spent).sort((a, b) => b - a);
    const topFifth = spends[Math.ceil(spends.length / 5) - 1] ?? 0;
    for (const customer of lapsing) {
      expect(customer.pAlive).toBeLessThan(0.5);
      expect(customer.spent).toBeGreaterThanOrEqual(topFifth);
    }
    const expected = repeaters.filter((c) => c.spent >= topFifth && (c.pAlive ?? 1) < 0.5).length;
    expect(lapsing).toHaveLength(expected);
  });

  it('says plainly when the history is too thin to predict, and gives no model figures', () => {
    const history = cdnowHistory().slice(0, 40);
    const report = customerValueReport(history, { asOf: new Date('1997-09-30T23:59:59Z') });
    expect(report.bgnbd).toBeNull();
    expect(report.gammaGamma).toBeNull();
    expect(report.warnings.join(' ')).toMatch(/too little history/);
    expect(report.byCustomer.every((customer) => customer.clv === null && customer.pAlive === null)).toBe(true);
    expect(lapsingValuableCustomers(report)).toEqual([]);
  });
});

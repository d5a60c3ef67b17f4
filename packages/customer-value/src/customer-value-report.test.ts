import type { RecordedEvent } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { customerValueReport, lapsingValuableCustomers } from './customer-value-report';
import { readCdnowSample } from './testing/cdnow';

/** The CDNOW sample as a ledger history: each line an order of one digital item, at noon UTC. */
function cdnowHistory(): RecordedEvent[] {
  return readCdnowSample().flatMap((purchase, index): RecordedEvent[] => {
    const orderId = `cd${index}`;
    const price = { amount: Math.round(purchase.spend * 100), currency: 'USD' };
    const envelope = (offset: number) => ({
      eventId: `e${index}-${offset}`,
      streamId: `order-${orderId}`,
      revision: offset,
      position: index * 2 + offset + 1,
      schemaVersion: 1,
      metadata: {},
      recordedAt: '2026-01-01T00:00:00Z',
    });
    return [
      {
        ...envelope(0),
        type: 'OrderPlaced',
        data: {
          at: `${purchase.day}T12:00:00Z`,
          orderId,
          customerId: purchase.customerId,
          currency: 'USD',
          lines: [{ lineId: 'l1', sku: 'CD', quantity: 1, unitPrice: price, kind: 'digital' }],
          shipping: { amount: 0, currency: 'USD' },
          tax: { amount: 0, currency: 'USD' },
          discount: { amount: 0, currency: 'USD' },
          delivery: { method: 'none' },
        },
      },
      {
        ...envelope(1),
        type: 'Paid',
        data: { at: `${purchase.day}T12:01:00Z`, paymentId: `p${index}`, amount: price, method: 'card' },
      },
    ];
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

  it('says so when the history shows no one stopping, and names no one lapsing', () => {
    // 150 customers who each bought every week for ten weeks, up to the as-of day: nobody has
    // dropped out, so the fit cannot tell who might have.
    const events: RecordedEvent[] = [];
    for (let customer = 0; customer < 150; customer += 1) {
      for (let week = 0; week < 10; week += 1) {
        const index = events.length;
        const day = new Date(Date.UTC(2026, 0, 5 + week * 7 + (customer % 7))).toISOString().slice(0, 10);
        const price = { amount: 1000 + customer * 10, currency: 'EUR' };
        const orderId = `w${customer}-${week}`;
        const envelope = {
          streamId: `order-${orderId}`,
          schemaVersion: 1,
          metadata: {},
          recordedAt: '2026-04-01T00:00:00Z',
        };
        events.push(
          {
            ...envelope,
            eventId: `e${index}`,
            revision: 0,
            position: index + 1,
            type: 'OrderPlaced',
            data: {
              at: `${day}T10:00:00Z`,
              orderId,
              customerId: `c${customer}`,
              currency: 'EUR',
              lines: [{ lineId: 'l1', sku: 'BEANS', quantity: 1, unitPrice: price, kind: 'digital' }],
              shipping: { amount: 0, currency: 'EUR' },
              tax: { amount: 0, currency: 'EUR' },
              discount: { amount: 0, currency: 'EUR' },
              delivery: { method: 'none' },
            },
          },
          {
            ...envelope,
            eventId: `e${index}p`,
            revision: 1,
            position: index + 2,
            type: 'Paid',
            data: { at: `${day}T10:01:00Z`, paymentId: `p${index}`, amount: price, method: 'card' },
          },
        );
      }
    }
    const report = customerValueReport(events, { asOf: new Date('2026-03-22T23:59:59Z') });
    expect(report.bgnbd).not.toBeNull();
    expect(report.lapsingKnowable).toBe(false);
    expect(report.warnings.join(' ')).toMatch(/almost no one stopping/);
    expect(lapsingValuableCustomers(report)).toEqual([]);
  });
});

import { InMemoryEventStore, OrderLedger, readEverything } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { purchasesFromHistory } from './purchases-from-history';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('purchases from a ledger history', () => {
  it('each order is a purchase on its day, net of edits and refunds; a cancelled one spent nothing', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    const place = (orderId: string, customerId: string, at: string, quantity: number) =>
      ledger.execute({
        type: 'PlaceOrder',
        orderId,
        customerId,
        at,
        currency: 'EUR',
        lines: [{ lineId: 'l1', sku: 'GUIDE', quantity, unitPrice: eur(1000), kind: 'digital' }],
        delivery: { method: 'none' },
      });
    await place('1', 'ada', '2026-03-01T23:30:00Z', 3);
    await ledger.execute({
      type: 'EditOrder',
      orderId: '1',
      at: '2026-03-01T23:40:00Z',
      changes: [{ kind: 'QuantityChanged', lineId: 'l1', quantity: 2 }],
    });
    await ledger.execute({
      type: 'Pay',
      orderId: '1',
      at: '2026-03-02T08:00:00Z',
      paymentId: 'p1',
      amount: eur(2000),
      method: 'card',
    });
    await ledger.execute({
      type: 'RefundAmount',
      orderId: '1',
      at: '2026-03-03T08:00:00Z',
      refundId: 'r1',
      reason: 'other',
      amount: eur(500),
    });
    await place('2', 'ada', '2026-03-05T10:00:00Z', 1);
    await ledger.execute({ type: 'CancelOrder', orderId: '2', at: '2026-03-05T11:00:00Z', reason: 'customer' });
    await place('3', 'grace', '2026-04-01T10:00:00Z', 1);
    // Paid 30 €, edited down to 20 € and the 10 € overpayment given back: a purchase of 20 €.
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at: '2026-03-10T09:00:00Z', delta: 3, reason: 'received' });
    await ledger.execute({
      type: 'PlaceOrder',
      orderId: '4',
      customerId: 'linus',
      at: '2026-03-10T10:00:00Z',
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku: 'MUG', quantity: 3, unitPrice: eur(1000), kind: 'physical' }],
      delivery: { method: 'pickup' },
    });
    await ledger.execute({
      type: 'Pay',
      orderId: '4',
      at: '2026-03-10T10:05:00Z',
      paymentId: 'p4',
      amount: eur(3000),
      method: 'card',
    });
    await ledger.execute({
      type: 'EditOrder',
      orderId: '4',
      at: '2026-03-10T11:00:00Z',
      changes: [{ kind: 'QuantityChanged', lineId: 'l1', quantity: 2 }],
    });
    await ledger.execute({
      type: 'RefundAmount',
      orderId: '4',
      at: '2026-03-10T12:00:00Z',
      refundId: 'r4',
      reason: 'other',
      amount: eur(1000),
    });
    // Placed, never paid, never cancelled: nothing spent.
    await place('5', 'margaret', '2026-03-11T10:00:00Z', 1);

    const history = await readEverything(store);
    const { currency, purchases } = purchasesFromHistory(history, new Date('2026-03-31T23:59:59Z'));
    expect(currency).toBe('EUR');
    // 3 × 10 € edited to 2 (20 €), 5 € refunded: 15 €; the cancelled order is a purchase of nothing;
    // grace ordered after the as-of date and is not seen.
    expect(purchases).toEqual([
      { customerId: 'ada', day: '2026-03-01', spend: 1500 },
      { customerId: 'ada', day: '2026-03-05', spend: 0 },
      { customerId: 'linus', day: '2026-03-10', spend: 2000 },
      { customerId: 'margaret', day: '2026-03-11', spend: 0 },
    ]);
  });
});

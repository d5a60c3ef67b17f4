import { type EventStore, OrderLedger } from '@order-ledger/core';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };

/** The schedule the test shop runs: coffee lasts 10 days a bag. */
export const shopSchedule = { consumables: { COFFEE: { lifespanDays: 10 } } } as const;

/** After every follow-up of `shopHistory` fell due, within a week's lookback of each. */
export const afterAllDue = new Date('2026-03-09T00:00:00Z');

/** The ids `shopHistory` makes due by `afterAllDue`, soonest first. */
export const shopMessageIds = ['review-ask:ada-1', 'pickup-nudge:linus-1', 'reorder-nudge:grace-1:COFFEE'] as const;

/**
 * One of each buyer follow-up: Ada's mug delivered Wednesday 4 March 11:00 (review ask then),
 * Linus's order set out for pickup Tuesday 3 March 10:00 and not collected (nudge Friday 6 March
 * 10:00), Grace's bag of coffee bought Sunday 1 March 10:00 (runs out 11 March, nudge 8 March).
 */
export async function shopHistory(store: EventStore): Promise<void> {
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
  const place = (orderId: string, customerId: string, at: string, sku: string, pickup: boolean) =>
    ledger.execute({
      type: 'PlaceOrder',
      orderId,
      customerId,
      at,
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku, quantity: 1, unitPrice: eur(1800), kind: 'physical' }],
      delivery: pickup ? { method: 'pickup' } : { method: 'ship', address },
    });
  const pay = (orderId: string, at: string) =>
    ledger.execute({ type: 'Pay', orderId, at, paymentId: `p-${orderId}`, amount: eur(1800), method: 'card' });
  await place('grace-1', 'grace', '2026-03-01T10:00:00Z', 'COFFEE', false);
  await pay('grace-1', '2026-03-01T10:00:00Z');
  await place('ada-1', 'ada', '2026-03-02T10:00:00Z', 'MUG', false);
  await pay('ada-1', '2026-03-02T10:00:00Z');
  await ledger.execute({ type: 'Ship', orderId: 'ada-1', at: '2026-03-02T15:00:00Z' });
  await ledger.execute({ type: 'MarkDelivered', orderId: 'ada-1', at: '2026-03-04T11:00:00Z' });
  await place('linus-1', 'linus', '2026-03-02T10:00:00Z', 'MUG', true);
  await pay('linus-1', '2026-03-02T10:00:00Z');
  await ledger.execute({ type: 'MarkReadyForPickup', orderId: 'linus-1', at: '2026-03-03T10:00:00Z' });
}

/** `count` delivered orders, each with its review ask due by `afterAllDue`: work for racing workers. */
export async function deliveredOrders(store: EventStore, count: number): Promise<string[]> {
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
  const ids: string[] = [];
  for (let n = 1; n <= count; n += 1) {
    const orderId = `order-${String(n).padStart(3, '0')}`;
    await ledger.execute({
      type: 'PlaceOrder',
      orderId,
      customerId: `buyer-${n}`,
      at: '2026-03-05T10:00:00Z',
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' }],
      delivery: { method: 'ship', address },
    });
    await ledger.execute({
      type: 'Pay',
      orderId,
      at: '2026-03-05T10:00:00Z',
      paymentId: `p-${orderId}`,
      amount: eur(1800),
      method: 'card',
    });
    await ledger.execute({ type: 'Ship', orderId, at: '2026-03-05T15:00:00Z' });
    await ledger.execute({ type: 'MarkDelivered', orderId, at: '2026-03-06T11:00:00Z' });
    ids.push(`review-ask:${orderId}`);
  }
  return ids;
}

import { foldProjection, InMemoryEventStore, OrderLedger, type PlaceOrder } from '@order-ledger/core';
import { readEverything } from '@order-ledger/core/testing';
import { describe, expect, it } from 'vitest';
import { ordersBoard } from './orders-board';
import { storeRhythm } from './store-rhythm';
import { stuckReasons } from './stuck-rules';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };
/** Monday 2 March 2026, 10:00: every order here is placed then. */
const monday = '2026-03-02T10:00:00Z';
const mug = { lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' as const };
const ebook = { lineId: 'l1', sku: 'EBOOK', quantity: 1, unitPrice: eur(900), kind: 'digital' as const };
/** The default rhythm spelled out: these figures are what the expected dates below are worked from. */
const rhythm = storeRhythm({
  promise: { kind: 'business-days', days: 2 },
  startWithinBusinessDays: 1,
  preparingForBusinessDays: 2,
});

async function ledgerWith(place: Omit<PlaceOrder, 'type' | 'orderId' | 'customerId' | 'at' | 'currency'>) {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true, allowPayAtPickup: true } });
  await ledger.execute({ type: 'PlaceOrder', orderId: 'o1', customerId: 'ada', at: monday, currency: 'EUR', ...place });
  const reasonsAt = async (at: string) => {
    const { state } = foldProjection(ordersBoard, await readEverything(store));
    const order = state.orders.get('o1');
    if (order === undefined) throw new Error('order o1 is not on the board');
    return stuckReasons(order, rhythm, new Date(at));
  };
  const pay = (at: string, amount: number) =>
    ledger.execute({ type: 'Pay', orderId: 'o1', at, paymentId: `p-${at}`, amount: eur(amount), method: 'card' });
  return { ledger, pay, reasonsAt };
}

describe('orders board: stuck rules for unpaid orders', () => {
  it('an unpaid order holding stock is stuck awaiting payment once received for a business day', async () => {
    const { reasonsAt } = await ledgerWith({ lines: [mug], delivery: { method: 'ship', address } });
    // Received Monday; one business day later is the end of Tuesday 3 March.
    expect(await reasonsAt('2026-03-03T23:00:00Z')).toEqual([]);
    expect(await reasonsAt('2026-03-04T09:00:00Z')).toEqual(['awaiting-payment']);
    // Still holding the mug three weeks on: still stuck, and nothing else is said of it.
    expect(await reasonsAt('2026-03-23T09:00:00Z')).toEqual(['awaiting-payment']);
  });

  it('a part-paid order holding stock is awaiting payment too', async () => {
    const { pay, reasonsAt } = await ledgerWith({ lines: [mug], delivery: { method: 'ship', address } });
    await pay(monday, 500);
    expect(await reasonsAt('2026-03-04T09:00:00Z')).toEqual(['awaiting-payment']);
  });

  it('an order paid late is judged by its payment from then on', async () => {
    const { pay, reasonsAt } = await ledgerWith({ lines: [mug], delivery: { method: 'ship', address } });
    await pay('2026-03-05T10:00:00Z', 1800);
    // Before Thursday's payment it was stuck awaiting it.
    expect(await reasonsAt('2026-03-04T09:00:00Z')).toEqual(['awaiting-payment']);
    // Paid Thursday: start by the end of Friday 6 March, out of the door by the end of Monday 9 March.
    expect(await reasonsAt('2026-03-05T12:00:00Z')).toEqual([]);
    expect(await reasonsAt('2026-03-09T12:00:00Z')).toEqual(['not-started']);
  });

  it('a pay-at-pickup order is not awaiting payment: its clock runs from placement', async () => {
    const { reasonsAt } = await ledgerWith({ lines: [mug], delivery: { method: 'pickup' }, payAtPickup: true });
    // Start by the end of Tuesday 3 March, set out by the end of Wednesday 4 March.
    expect(await reasonsAt('2026-03-04T12:00:00Z')).toEqual(['not-started']);
    expect(await reasonsAt('2026-03-05T09:00:00Z')).toEqual(['past-promise', 'not-started']);
  });

  it('an unpaid digital-only order holds no stock: its money is pending, nothing is stuck', async () => {
    const { reasonsAt } = await ledgerWith({ lines: [ebook], delivery: { method: 'none' } });
    expect(await reasonsAt('2026-03-23T09:00:00Z')).toEqual([]);
  });
});

describe('orders board: stuck rules while preparing', () => {
  it('a pickup order prepared too long is stuck like a shipped one', async () => {
    const { ledger, pay, reasonsAt } = await ledgerWith({ lines: [mug], delivery: { method: 'pickup' } });
    await pay(monday, 1800);
    await ledger.execute({ type: 'StartPreparing', orderId: 'o1', at: '2026-03-02T11:00:00Z' });
    // Preparing from Monday 11:00 for two business days: too long after the end of Wednesday 4 March,
    // which is also the promise (paid Monday, two business days).
    expect(await reasonsAt('2026-03-04T12:00:00Z')).toEqual([]);
    expect(await reasonsAt('2026-03-05T09:00:00Z')).toEqual(['past-promise', 'preparing-too-long']);
  });

  it('an unpaid pay-at-pickup order prepared too long is stuck for that, not for its payment', async () => {
    const { ledger, reasonsAt } = await ledgerWith({ lines: [mug], delivery: { method: 'pickup' }, payAtPickup: true });
    await ledger.execute({ type: 'StartPreparing', orderId: 'o1', at: '2026-03-02T11:00:00Z' });
    expect(await reasonsAt('2026-03-05T09:00:00Z')).toEqual(['past-promise', 'preparing-too-long']);
  });
});

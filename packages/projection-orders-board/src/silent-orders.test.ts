import { foldProjection, InMemoryEventStore, OrderLedger } from '@order-ledger/core';
import { readEverything } from '@order-ledger/core/testing';
import { describe, expect, it } from 'vitest';
import { boardView } from './board-queries';
import { ordersBoard } from './orders-board';
import { type StoreRhythm, storeRhythm } from './store-rhythm';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };
const mug = { lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' as const };
/** Monday 2 March 2026, 10:00. */
const monday = '2026-03-02T10:00:00Z';

async function shop() {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true, allowPayAtPickup: true } });
  const place = (orderId: string, method: 'ship' | 'pickup', payAtPickup = false) =>
    ledger.execute({
      type: 'PlaceOrder',
      orderId,
      customerId: 'ada',
      at: monday,
      currency: 'EUR',
      lines: [mug],
      shipping: eur(0),
      tax: eur(0),
      discount: eur(0),
      delivery: method === 'ship' ? { method, address } : { method },
      ...(payAtPickup ? { payAtPickup } : {}),
    });
  const pay = (orderId: string, at: string) =>
    ledger.execute({ type: 'Pay', orderId, at, paymentId: `p-${orderId}`, amount: eur(1800), method: 'card' });
  const silentAt = async (at: string, setting: Partial<StoreRhythm> = { silentAfterDays: 4 }) => {
    const { state } = foldProjection(ordersBoard, await readEverything(store));
    return boardView(state, storeRhythm(setting), new Date(at)).silent.map((quiet) => [
      quiet.orderId,
      quiet.silentDays,
    ]);
  };
  return { ledger, place, pay, silentAt };
}

describe('orders board: silent orders', () => {
  it('lists a confirmed order once four whole days pass with nothing told to its buyer, and drops it when something is', async () => {
    const { ledger, place, pay, silentAt } = await shop();
    await place('o1', 'ship');
    await pay('o1', '2026-03-02T11:00:00Z');
    // Confirmed Monday 11:00: four days on is Friday 11:00, to the millisecond.
    expect(await silentAt('2026-03-06T10:59:59.999Z')).toEqual([]);
    expect(await silentAt('2026-03-06T11:00:00Z')).toEqual([['o1', 4]]);
    expect(await silentAt('2026-03-09T12:00:00Z')).toEqual([['o1', 7]]);
    await ledger.execute({ type: 'StartPreparing', orderId: 'o1', at: '2026-03-09T13:00:00Z' });
    expect(await silentAt('2026-03-09T14:00:00Z')).toEqual([]);
    expect(await silentAt('2026-03-13T13:00:00Z')).toEqual([['o1', 4]]);
    // Shipped: with the carrier now, and still silent if the parcel says nothing for four days.
    await ledger.execute({ type: 'Ship', orderId: 'o1', at: '2026-03-13T14:00:00Z', trackingNumber: 'RR1' });
    expect(await silentAt('2026-03-16T14:00:00Z')).toEqual([]);
    expect(await silentAt('2026-03-17T14:00:00Z')).toEqual([['o1', 4]]);
    await ledger.execute({ type: 'MarkDelivered', orderId: 'o1', at: '2026-03-18T09:00:00Z' });
    expect(await silentAt('2026-04-30T09:00:00Z')).toEqual([]);
  });

  it('never lists an unpaid order (money awaited, not silence) nor one waiting for its buyer at the counter', async () => {
    const { ledger, place, silentAt } = await shop();
    await place('unpaid', 'ship');
    await place('counter', 'pickup', true);
    // Pay-at-pickup is confirmed when placed: silent until it is made ready.
    expect(await silentAt('2026-03-06T10:00:00Z')).toEqual([['counter', 4]]);
    await ledger.execute({ type: 'MarkReadyForPickup', orderId: 'counter', at: '2026-03-06T11:00:00Z' });
    expect(await silentAt('2026-03-20T10:00:00Z')).toEqual([]);
  });

  it('counts a refund as something told', async () => {
    const { ledger, place, pay, silentAt } = await shop();
    await place('o1', 'ship');
    await pay('o1', monday);
    await ledger.execute({
      type: 'RefundAmount',
      orderId: 'o1',
      at: '2026-03-05T10:00:00Z',
      refundId: 'r1',
      amount: eur(100),
      reason: 'price_adjustment',
    });
    expect(await silentAt('2026-03-08T10:00:00Z')).toEqual([]);
    expect(await silentAt('2026-03-09T10:00:00Z')).toEqual([['o1', 4]]);
  });

  it('takes the number of days from the store setting, 4 by default', async () => {
    const { place, pay, silentAt } = await shop();
    await place('o1', 'ship');
    await pay('o1', monday);
    expect(await silentAt('2026-03-04T10:00:00Z', { silentAfterDays: 2 })).toEqual([['o1', 2]]);
    expect(await silentAt('2026-03-05T10:00:00Z', {})).toEqual([]);
    expect(await silentAt('2026-03-06T10:00:00Z', {})).toEqual([['o1', 4]]);
  });
});

import {
  foldProjection,
  InMemoryEventStore,
  OrderLedger,
  type PlaceOrder,
  type RecordedEvent,
} from '@order-ledger/core';
import { readEverything } from '@order-ledger/core/testing';
import { describe, expect, it } from 'vitest';
import { followUps } from './follow-ups-projection';
import { dueFollowUps, type FollowUp, type ScheduleOptions } from './schedule';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };

/**
 * Ada buys an e-book on Wednesday 4 March at 15:30: paid at once, so delivered by email at once.
 * A shop may record a digital-only order with any delivery method; it is delivered all the same.
 */
async function ebookHistory(delivery: PlaceOrder['delivery'] = { method: 'none' }) {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store);
  const at = '2026-03-04T15:30:00Z';
  await ledger.execute({
    type: 'PlaceOrder',
    orderId: 'e1',
    customerId: 'ada',
    at,
    currency: 'EUR',
    lines: [{ lineId: 'l1', sku: 'EBOOK', quantity: 1, unitPrice: eur(900), kind: 'digital' }],
    delivery,
  });
  await ledger.execute({ type: 'Pay', orderId: 'e1', at, paymentId: 'p1', amount: eur(900), method: 'card' });
  return readEverything(store);
}

/** Grace's mug is delivered on Wednesday 4 March at 11:00. */
async function mugHistory() {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
  await ledger.execute({
    type: 'PlaceOrder',
    orderId: 'g1',
    customerId: 'grace',
    at: '2026-03-02T10:00:00Z',
    currency: 'EUR',
    lines: [{ lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' }],
    delivery: { method: 'ship', address },
  });
  await ledger.execute({
    type: 'Pay',
    orderId: 'g1',
    at: '2026-03-02T10:00:00Z',
    paymentId: 'p1',
    amount: eur(1800),
    method: 'card',
  });
  await ledger.execute({ type: 'Ship', orderId: 'g1', at: '2026-03-02T15:00:00Z' });
  await ledger.execute({ type: 'MarkDelivered', orderId: 'g1', at: '2026-03-04T11:00:00Z' });
  return readEverything(store);
}

/**
 * A daily run at 09:00 from 1 to 14 March, each seeing only what had happened by then (the
 * history up to that moment) and asking for what fell due since the previous run.
 */
function dailyRuns(history: readonly RecordedEvent[], options: Omit<ScheduleOptions, 'asOf' | 'since'> = {}) {
  const produced: { run: string; followUp: FollowUp }[] = [];
  let since = new Date('2026-02-28T09:00:00Z');
  for (let day = 1; day <= 14; day += 1) {
    const asOf = new Date(Date.UTC(2026, 2, day, 9));
    const past = history.filter((event) => Date.parse((event.data as { at: string }).at) <= asOf.getTime());
    const state = foldProjection(followUps, past).state;
    for (const followUp of dueFollowUps(state, { ...options, since, asOf }))
      produced.push({ run: asOf.toISOString(), followUp });
    since = asOf;
  }
  return produced;
}

describe('follow-ups: the review ask is due once the buyer has the order', () => {
  it('asks for a digital order’s review at the moment of its delivery, once, on a run that sees only the past', async () => {
    // Delivered Wednesday 15:30, after that day's 09:00 run: Thursday's run is the first to know.
    expect(dailyRuns(await ebookHistory())).toEqual([
      {
        run: '2026-03-05T09:00:00.000Z',
        followUp: { kind: 'review-ask', dueAt: '2026-03-04T15:30:00.000Z', customerId: 'ada', orderId: 'e1' },
      },
    ]);
  });

  it('asks for a digital-only order’s review whatever delivery method it was placed with', async () => {
    for (const delivery of [{ method: 'pickup' as const }, { method: 'ship' as const, address }]) {
      expect(dailyRuns(await ebookHistory(delivery)).map(({ followUp }) => followUp)).toEqual([
        { kind: 'review-ask', dueAt: '2026-03-04T15:30:00.000Z', customerId: 'ada', orderId: 'e1' },
      ]);
    }
  });

  it('asks for a physical order’s review at the moment of its delivery, once', async () => {
    expect(dailyRuns(await mugHistory())).toEqual([
      {
        run: '2026-03-05T09:00:00.000Z',
        followUp: { kind: 'review-ask', dueAt: '2026-03-04T11:00:00.000Z', customerId: 'grace', orderId: 'g1' },
      },
    ]);
  });

  it('asks at the start of the day that many days after delivery when the store waits some days', async () => {
    // Delivered Wednesday 4 March 15:30; two days later is Friday 6 March, from 00:00.
    expect(dailyRuns(await ebookHistory(), { reviewAfterDays: 2 })).toEqual([
      {
        run: '2026-03-06T09:00:00.000Z',
        followUp: { kind: 'review-ask', dueAt: '2026-03-06T00:00:00.000Z', customerId: 'ada', orderId: 'e1' },
      },
    ]);
  });
});

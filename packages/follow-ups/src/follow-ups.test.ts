import { foldProjection, InMemoryEventStore, OrderLedger } from '@order-ledger/core';
import { ledgerScenarioArbitrary, readEverything, replayVariants, runScenario } from '@order-ledger/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followUps } from './follow-ups-projection';
import { dueFollowUps } from './schedule';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };

async function shop() {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
  const order = async (
    orderId: string,
    customerId: string,
    at: string,
    sku: string,
    quantity: number,
    method: 'ship' | 'pickup',
  ) => {
    await ledger.execute({
      type: 'PlaceOrder',
      orderId,
      customerId,
      at,
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku, quantity, unitPrice: eur(1000), kind: 'physical' }],
      delivery: method === 'ship' ? { method, address } : { method },
    });
    await ledger.execute({
      type: 'Pay',
      orderId,
      at,
      paymentId: `p${orderId}`,
      amount: eur(1000 * quantity),
      method: 'card',
    });
  };
  // Ada buys coffee every 30 days; her last bag came on 1 March.
  await order('a1', 'ada', '2026-01-01T10:00:00Z', 'COFFEE', 1, 'pickup');
  await order('a2', 'ada', '2026-01-31T10:00:00Z', 'COFFEE', 1, 'pickup');
  await order('a3', 'ada', '2026-03-02T10:00:00Z', 'COFFEE', 1, 'ship');
  await ledger.execute({ type: 'Ship', orderId: 'a3', at: '2026-03-02T15:00:00Z' });
  await ledger.execute({ type: 'MarkDelivered', orderId: 'a3', at: '2026-03-04T11:00:00Z' });
  // Grace's candles (lifespan 20 days each, two of them) were delivered, but one was broken.
  await order('g1', 'grace', '2026-03-01T10:00:00Z', 'CANDLE', 2, 'ship');
  await ledger.execute({ type: 'Ship', orderId: 'g1', at: '2026-03-01T15:00:00Z' });
  await ledger.execute({ type: 'MarkDelivered', orderId: 'g1', at: '2026-03-03T11:00:00Z' });
  await ledger.execute({
    type: 'RefundOrder',
    orderId: 'g1',
    at: '2026-03-03T12:00:00Z',
    refundId: 'r1',
    reason: 'damaged',
    lines: [{ lineId: 'l1', quantity: 1, restock: 'none' }],
  });
  // Linus's order waits on the shelf from 5 March.
  await order('l1', 'linus', '2026-03-04T10:00:00Z', 'MUG', 1, 'pickup');
  await ledger.execute({ type: 'MarkReadyForPickup', orderId: 'l1', at: '2026-03-05T10:00:00Z' });
  return foldProjection(followUps, await readEverything(store)).state;
}

describe('follow-ups: a worked month', () => {
  it('schedules review asks, reorder nudges and pickup nudges with their dates', async () => {
    const due = dueFollowUps(await shop(), {
      asOf: new Date('2026-04-30T00:00:00Z'),
      consumables: { COFFEE: {}, CANDLE: { lifespanDays: 20 } },
    });
    expect(due).toEqual([
      // a1 and a2 were never marked picked up, so they get no review ask; Grace's refund holds hers back.
      // Delivered 4 March 11:00: asked at that moment.
      { kind: 'review-ask', dueAt: '2026-03-04T11:00:00.000Z', customerId: 'ada', orderId: 'a3' },
      { kind: 'pickup-nudge', dueAt: '2026-03-08T10:00:00.000Z', customerId: 'linus', orderId: 'l1' },
      // Grace kept one candle (the broken one was refunded): 20 days from 1 March, nudged 3 days early.
      {
        kind: 'reorder-nudge',
        dueAt: '2026-03-18T10:00:00.000Z',
        customerId: 'grace',
        sku: 'CANDLE',
        runOutAt: '2026-03-21T10:00:00.000Z',
        orderId: 'g1',
      },
      { kind: 'pickup-decision', dueAt: '2026-03-19T10:00:00.000Z', customerId: 'linus', orderId: 'l1' },
      // Ada's coffee rhythm is 30 days: from 2 March, run-out 1 April, nudge 29 March.
      {
        kind: 'reorder-nudge',
        dueAt: '2026-03-29T10:00:00.000Z',
        customerId: 'ada',
        sku: 'COFFEE',
        runOutAt: '2026-04-01T10:00:00.000Z',
        orderId: 'a3',
      },
    ]);
  });

  it('gives each follow-up once when run day after day', async () => {
    const state = await shop();
    const options = { consumables: { COFFEE: {}, CANDLE: { lifespanDays: 20 } } };
    const seen: string[] = [];
    let since = new Date('2026-03-01T00:00:00Z');
    for (let day = 2; day <= 40; day += 1) {
      const asOf = new Date(Date.UTC(2026, 2, day));
      for (const followUp of dueFollowUps(state, { ...options, since, asOf }))
        seen.push(`${followUp.kind}:${followUp.customerId}`);
      since = asOf;
    }
    expect(seen.sort()).toEqual(
      [
        'pickup-decision:linus',
        'pickup-nudge:linus',
        'reorder-nudge:ada',
        'reorder-nudge:grace',
        'review-ask:ada',
      ].sort(),
    );
  });
});

describe('follow-ups laws', () => {
  it('an event fed twice changes nothing, and a rebuild equals the incremental result', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerScenarioArbitrary(), fc.nat(), fc.nat(), fc.nat(), async (scenario, pick, delay, cut) => {
        const events = await readEverything((await runScenario(scenario)).store);
        const { once, twice, inPieces } = await replayVariants(followUps, events, { pick, delay, cut });
        expect(twice).toEqual(once);
        expect(inPieces.state).toEqual(once.state);
      }),
      { numRuns: 60 },
    );
  });
});

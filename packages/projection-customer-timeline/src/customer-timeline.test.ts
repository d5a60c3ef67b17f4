import { foldProjection, InMemoryEventStore, netPaid, OrderLedger, type RecordedEvent } from '@order-ledger/core';
import {
  interleavingChoices,
  ledgerScenarioArbitrary,
  readEverything,
  reinterleave,
  replayVariants,
  runScenario,
} from '@order-ledger/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addTouchpoint, customerTimeline, describeEntry } from './customer-timeline';
import { netSpend } from './timeline-state';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('customer timeline: Ada’s three orders', () => {
  it('puts every order event and the app’s touchpoints on one chronological timeline', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
    const place = (orderId: string, at: string) =>
      ledger.execute({
        type: 'PlaceOrder',
        orderId,
        customerId: 'ada',
        at,
        currency: 'EUR',
        lines: [{ lineId: 'l1', sku: 'TEA', quantity: 2, unitPrice: eur(950), kind: 'physical' }],
        delivery: { method: 'pickup' },
      });
    await place('1', '2026-01-10T10:00:00Z');
    await ledger.execute({
      type: 'Pay',
      orderId: '1',
      at: '2026-01-10T10:01:00Z',
      paymentId: 'p1',
      amount: eur(1900),
      method: 'card',
    });
    await place('2', '2026-02-10T10:00:00Z');
    await ledger.execute({
      type: 'Pay',
      orderId: '2',
      at: '2026-02-10T10:01:00Z',
      paymentId: 'p2',
      amount: eur(1900),
      method: 'card',
    });
    await ledger.execute({
      type: 'RefundAmount',
      orderId: '2',
      at: '2026-02-12T10:00:00Z',
      refundId: 'r2',
      reason: 'damaged',
      amount: eur(950),
    });
    await place('3', '2026-03-10T10:00:00Z');
    await ledger.execute({ type: 'CancelOrder', orderId: '3', at: '2026-03-10T11:00:00Z', reason: 'customer' });

    const { state } = foldProjection(customerTimeline(), await readEverything(store));
    addTouchpoint(state, {
      customerId: 'ada',
      at: '2026-02-11T09:00:00Z',
      channel: 'email',
      summary: 'sent the brewing guide',
    });
    const ada = state.customers.get('ada');
    expect(ada).toMatchObject({
      firstOrderAt: '2026-01-10T10:00:00Z',
      lastOrderAt: '2026-03-10T10:00:00Z',
      orderCount: 3,
      cancelledCount: 1,
      paid: 3800,
      refunded: 950,
    });
    expect(ada === undefined ? 0 : netSpend(ada)).toBe(2850);
    expect(ada?.entries.map(describeEntry)).toEqual([
      'Order 1: placed 2 items (pickup)',
      'Order 1: paid EUR 19.00 by card',
      'Order 2: placed 2 items (pickup)',
      'Order 2: paid EUR 19.00 by card',
      'sent the brewing guide',
      'Order 2: refunded EUR 9.50 (damaged)',
      'Order 3: placed 2 items (pickup)',
      'Order 3: cancelled (customer)',
    ]);
  });

  it('maps an app’s own events to touchpoints, so a rebuild finds them', () => {
    const projection = customerTimeline({
      touchpoints: (event) =>
        (event.type as string) === 'BookingMade'
          ? { customerId: 'ada', at: '2026-04-01T10:00:00Z', channel: 'booking', summary: 'tasting booked' }
          : undefined,
    });
    const booking = {
      type: 'BookingMade',
      streamId: 'bookings-ada',
      position: 1,
      revision: 0,
    } as unknown as RecordedEvent;
    const { state } = foldProjection(projection, [booking]);
    expect(state.customers.get('ada')?.entries).toEqual([
      { kind: 'touchpoint', at: '2026-04-01T10:00:00Z', channel: 'booking', summary: 'tasting booked' },
    ]);
  });
});

describe('customer timeline laws', () => {
  const scenarios = ledgerScenarioArbitrary();

  it('net spend equals what the customer’s orders kept; the order count equals their orders', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { store, ledger } = await runScenario(scenario);
        const events = await readEverything(store);
        const { state } = foldProjection(customerTimeline(), events);
        const kept = new Map<string, number>();
        const counts = new Map<string, number>();
        for (const event of events) {
          if (event.type !== 'OrderPlaced') continue;
          const order = await ledger.order(event.data.orderId);
          kept.set(order.customerId, (kept.get(order.customerId) ?? 0) + netPaid(order));
          counts.set(order.customerId, (counts.get(order.customerId) ?? 0) + 1);
        }
        for (const [customerId, timeline] of state.customers) {
          expect(netSpend(timeline)).toBe(kept.get(customerId));
          expect(timeline.orderCount).toBe(counts.get(customerId));
          const times = timeline.entries.map((entry) => entry.at);
          expect(times).toEqual([...times].sort());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('an event fed twice changes nothing; a rebuild equals the incremental result; interleaving keeps each timeline', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarios,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        interleavingChoices,
        async (scenario, pick, delay, cut, choices) => {
          const events = await readEverything((await runScenario(scenario)).store);
          const projection = customerTimeline();
          const { once, twice, inPieces } = await replayVariants(projection, events, { pick, delay, cut });
          expect(twice).toEqual(once);
          expect(inPieces.state).toEqual(once.state);
          // Business times in the scenarios are distinct, so the chronological order is the same.
          expect(foldProjection(projection, reinterleave(events, choices)).state).toEqual(once.state);
        },
      ),
      { numRuns: 60 },
    );
  });
});

import { amountDue, foldProjection, InMemoryEventStore, OrderLedger, refundOwed } from '@order-ledger/core';
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
import { boardView, pendingMoneyOf } from './board-queries';
import { evictionOf } from './board-state';
import { evictSettled, ordersBoard } from './orders-board';
import { storeRhythm } from './store-rhythm';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };
const mug = { sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' as const };

/** A week: Mon 2 March 2026 onwards. Ada is a returning buyer; Linus picks up and never comes. */
async function week() {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
  const place = (orderId: string, customerId: string, at: string, method: 'ship' | 'pickup') =>
    ledger.execute({
      type: 'PlaceOrder',
      orderId,
      customerId,
      at,
      currency: 'EUR',
      lines: [{ ...mug, lineId: 'l1' }],
      delivery: method === 'ship' ? { method, address } : { method },
    });
  const pay = (orderId: string, at: string, amount = 1800) =>
    ledger.execute({ type: 'Pay', orderId, at, paymentId: `p-${orderId}-${at}`, amount: eur(amount), method: 'card' });

  await place('a1', 'ada', '2026-02-02T10:00:00Z', 'ship');
  await pay('a1', '2026-02-02T10:00:00Z');
  await ledger.execute({ type: 'Ship', orderId: 'a1', at: '2026-02-03T10:00:00Z' });
  await ledger.execute({ type: 'MarkDelivered', orderId: 'a1', at: '2026-02-05T10:00:00Z' });
  await place('a2', 'ada', '2026-02-16T10:00:00Z', 'ship');
  await pay('a2', '2026-02-16T10:00:00Z');
  await ledger.execute({ type: 'Ship', orderId: 'a2', at: '2026-02-17T10:00:00Z' });
  // Ada's third order: paid Monday, nobody has started it by Thursday.
  await place('a3', 'ada', '2026-03-02T09:00:00Z', 'ship');
  await pay('a3', '2026-03-02T09:05:00Z');
  // Grace paid half.
  await place('g1', 'grace', '2026-03-03T09:00:00Z', 'ship');
  await pay('g1', '2026-03-03T09:00:00Z', 900);
  // Linus: ready for pickup since 10 February.
  await place('l1', 'linus', '2026-02-09T09:00:00Z', 'pickup');
  await pay('l1', '2026-02-09T09:00:00Z');
  await ledger.execute({ type: 'MarkReadyForPickup', orderId: 'l1', at: '2026-02-10T09:00:00Z' });
  // Margaret paid and cancelled; no refund yet.
  await place('m1', 'margaret', '2026-03-04T09:00:00Z', 'ship');
  await pay('m1', '2026-03-04T09:00:00Z');
  await ledger.execute({
    type: 'CancelOrder',
    orderId: 'm1',
    at: '2026-03-04T12:00:00Z',
    reason: 'customer',
    refund: false,
  });
  return { store, ledger };
}

describe('orders board: a worked week', () => {
  it('shows what is in flight, what is stuck and what money is pending', async () => {
    const { store } = await week();
    const { state } = foldProjection(ordersBoard, await readEverything(store));
    const view = boardView(
      state,
      storeRhythm({ promise: { kind: 'business-days', days: 2 } }),
      new Date('2026-03-05T12:00:00Z'),
    );

    expect(view.inFlight.received.map((row) => row.orderId)).toEqual(['a3', 'g1']);
    expect(view.inFlight.ready_for_pickup.map((row) => row.orderId)).toEqual(['l1']);
    expect(view.inFlight.shipped.map((row) => row.orderId)).toEqual(['a2']);
    // A third-time buyer is visible on the board.
    const a3 = view.inFlight.received.find((row) => row.orderId === 'a3');
    expect(a3).toMatchObject({ customerOrdinal: 3, customerOrders: 3, ageDays: 3 });
    // Paid Monday 09:05, 2 business days: due by the end of Wednesday 4 March.
    expect(a3?.promisedBy).toBe('2026-03-04T23:59:59.999Z');

    expect(Object.fromEntries(view.stuck.map((row) => [row.orderId, row.stuck]))).toEqual({
      l1: ['pickup-no-show'],
      a2: ['not-delivered'],
      a3: ['past-promise', 'not-started'],
      // Half paid on Tuesday, holding a mug: received for more than a business day (end of Wednesday).
      g1: ['awaiting-payment'],
    });
    expect(view.pendingMoney).toEqual([
      { orderId: 'm1', customerId: 'margaret', currency: 'EUR', kind: 'cancelled-not-refunded', amount: 1800 },
      { orderId: 'g1', customerId: 'grace', currency: 'EUR', kind: 'partial-payment-due', amount: 900 },
    ]);
  });

  it('counts a "ships on Thursdays" promise from the day after payment', async () => {
    const { store } = await week();
    const { state } = foldProjection(ordersBoard, await readEverything(store));
    const thursdays = storeRhythm({ promise: { kind: 'weekdays', weekdays: [4] } });
    const view = boardView(state, thursdays, new Date('2026-03-04T12:00:00Z'));
    expect(view.inFlight.received.find((row) => row.orderId === 'a3')?.promisedBy).toBe('2026-03-05T23:59:59.999Z');
  });
});

const scenarios = ledgerScenarioArbitrary();

describe('orders board retention', () => {
  it('lets settled orders go after the retention, and keeps those in flight or owing money', async () => {
    const { store } = await week();
    const events = await readEverything(store);
    const kept = foldProjection(ordersBoard, events).state;
    evictSettled(kept, '2026-03-05T12:00:00Z', 7);
    // a1 was delivered on 5 February: settled for more than a week by 5 March.
    expect([...kept.orders.keys()].sort()).toEqual(['a2', 'a3', 'g1', 'l1', 'm1']);
    expect(evictionOf(kept).evicted).toBe(1);
    expect(kept.customers.get('ada')).toBe(3);
    expect(foldProjection(ordersBoard, events).state.orders.size).toBe(6);
  });
});

describe('orders board laws', () => {
  it('each order’s board status, total and money equal the order aggregate’s', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { store, ledger } = await runScenario(scenario);
        const { state } = foldProjection(ordersBoard, await readEverything(store));
        for (const [orderId, row] of state.orders) {
          const order = await ledger.order(orderId);
          expect({
            status: row.status,
            since: row.statusSince,
            total: row.total,
            paid: row.paid,
            refunded: row.refunded,
          }).toEqual({
            status: order.status,
            since: order.statusSince,
            total: order.total.amount,
            paid: order.paid.amount,
            refunded: order.refunded.amount,
          });
          const pending = pendingMoneyOf(row);
          const owed = refundOwed(order).amount;
          const due = amountDue(order).amount;
          expect(pending?.amount ?? 0).toBe(owed > 0 ? owed : due);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('an event fed twice changes nothing, and a rebuild equals the incremental result', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, fc.nat(), fc.nat(), fc.nat(), async (scenario, pick, delay, cut) => {
        const events = await readEverything((await runScenario(scenario)).store);
        const { once, twice, inPieces } = await replayVariants(ordersBoard, events, { pick, delay, cut });
        expect(twice).toEqual(once);
        expect(inPieces).toEqual(once);
      }),
      { numRuns: 60 },
    );
  });

  it('interleaving the streams differently leaves every order as it was', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, interleavingChoices, async (scenario, choices) => {
        const events = await readEverything((await runScenario(scenario)).store);
        const original = foldProjection(ordersBoard, events).state.orders;
        const shuffled = foldProjection(ordersBoard, reinterleave(events, choices)).state.orders;
        // Everything but the customer's ordinal, which depends on which order was placed first.
        const strip = (orders: typeof original) =>
          Object.fromEntries([...orders].map(([id, { customerOrdinal: _, ...rest }]) => [id, rest]));
        expect(strip(shuffled)).toEqual(strip(original));
      }),
      { numRuns: 60 },
    );
  });
});

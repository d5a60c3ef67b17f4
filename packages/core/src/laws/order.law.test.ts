import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import type { OrderEvent } from '../catalogue/order-events';
import type { StockEvent } from '../catalogue/stock-events';
import { foldRecorded } from '../event-store/fold-stream';
import type { RecordedEvent } from '../event-store/types';
import { evolveOrder } from '../order/evolve-order';
import { initialOrderState, type OrderState, orderStatusRank } from '../order/order-state';
import { lineGross } from '../order/order-totals';
import { evolveStock } from '../stock/evolve-stock';
import { initialStockState } from '../stock/stock-state';
import { ledgerScenarioArbitrary } from '../testing/ledger-arbitraries';
import { readEverything, runScenario } from '../testing/run-scenario';

const runs = { numRuns: 120 };
const scenarios = ledgerScenarioArbitrary();
const orderFold = { initialState: initialOrderState, evolve: evolveOrder };
const stockFold = { initialState: initialStockState, evolve: evolveStock };

function orderStreams(events: readonly RecordedEvent[]): Map<string, RecordedEvent<OrderEvent>[]> {
  const streams = new Map<string, RecordedEvent<OrderEvent>[]>();
  for (const event of events) {
    if (!event.streamId.startsWith('order-')) continue;
    const stream = streams.get(event.streamId) ?? [];
    stream.push(event as RecordedEvent<OrderEvent>);
    streams.set(event.streamId, stream);
  }
  return streams;
}

describe('money laws', () => {
  it('refunded ≤ paid per order, and per line refunded ≤ its value and refunded units ≤ its units, after every command', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        await runScenario(scenario, undefined, async ({ command }, ledger) => {
          if (!('orderId' in command)) return;
          const order = await ledger.order(command.orderId);
          if (!order.exists) return;
          expect(order.refunded.amount).toBeLessThanOrEqual(order.paid.amount);
          expect(order.shippingRefunded.amount).toBeLessThanOrEqual(order.shipping.amount);
          for (const line of order.lines) {
            expect(line.refundedAmount.amount).toBeLessThanOrEqual(lineGross(line).amount);
            expect(line.refundedQuantity).toBeLessThanOrEqual(line.quantity);
            expect(line.fulfilled + line.cancelled).toBeLessThanOrEqual(line.quantity);
            expect(line.returnedResellable + line.returnedDamaged).toBeLessThanOrEqual(line.fulfilled);
          }
        });
      }),
      runs,
    );
  });

  it('the recorded sums agree: Σ Refunded ≤ Σ Paid for every order stream', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { store } = await runScenario(scenario);
        for (const stream of orderStreams(await readEverything(store)).values()) {
          let paid = 0;
          let refunded = 0;
          for (const event of stream) {
            if (event.type === 'Paid') paid += event.data.amount.amount;
            if (event.type === 'Refunded') {
              refunded += event.data.amount.amount;
              const parts =
                event.data.lines.reduce((acc, line) => acc + line.amount.amount, 0) +
                event.data.shipping.amount +
                event.data.other.amount;
              expect(parts).toBe(event.data.amount.amount);
            }
            expect(refunded).toBeLessThanOrEqual(paid);
          }
        }
      }),
      runs,
    );
  });
});

describe('status laws', () => {
  it('statuses never go backwards, and only OrderCancelled or a full cancel-refund cancels', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { store } = await runScenario(scenario);
        for (const stream of orderStreams(await readEverything(store)).values()) {
          let state: OrderState = initialOrderState();
          for (const event of stream) {
            const next = evolveOrder(state, event);
            if (state.exists) {
              expect(orderStatusRank[next.status]).toBeGreaterThanOrEqual(orderStatusRank[state.status]);
              if (orderStatusRank[next.status] === orderStatusRank[state.status])
                expect(next.status).toBe(state.status);
              if (next.status === 'cancelled' && state.status !== 'cancelled') {
                expect(['OrderCancelled', 'Refunded']).toContain(event.type);
              }
            }
            state = next;
          }
        }
      }),
      runs,
    );
  });

  it('a digital-only order is done the moment it is fully paid', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        await runScenario(scenario, undefined, async ({ command }, ledger) => {
          if (!('orderId' in command)) return;
          const order = await ledger.order(command.orderId);
          const digitalOnly = order.lines.length > 0 && order.lines.every((line) => line.kind === 'digital');
          if (digitalOnly && order.paid.amount >= order.total.amount && order.status !== 'cancelled') {
            expect(order.status).toBe('done');
            expect(order.fulfilmentStatus).toBe('fulfilled');
          }
        });
      }),
      runs,
    );
  });
});

function expectPiecesEqualOnePass<State, Event extends LedgerEvent>(
  fold: { initialState: () => State; evolve: (state: State, event: Event) => State },
  stream: RecordedEvent<Event>[],
  cut: number,
): void {
  const once = foldRecorded(fold, stream);
  expect(foldRecorded(fold, stream)).toEqual(once);
  const first = foldRecorded(fold, stream.slice(0, cut));
  expect(foldRecorded(fold, stream.slice(cut), first)).toEqual(once);
}

describe('fold laws', () => {
  it('the fold is deterministic, and folding in pieces equals folding in one pass', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, fc.nat(), async (scenario, cutSeed) => {
        const { store } = await runScenario(scenario);
        const events = await readEverything(store);
        const streams = new Map<string, RecordedEvent[]>();
        for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
        for (const [streamId, stream] of streams) {
          const cut = cutSeed % (stream.length + 1);
          if (streamId.startsWith('order-'))
            expectPiecesEqualOnePass(orderFold, stream as RecordedEvent<OrderEvent>[], cut);
          else expectPiecesEqualOnePass(stockFold, stream as RecordedEvent<StockEvent>[], cut);
        }
      }),
      runs,
    );
  });

  it('an event seen twice (same event id) changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, fc.nat(), fc.nat(), async (scenario, pickSeed, placeSeed) => {
        const { store } = await runScenario(scenario);
        for (const stream of orderStreams(await readEverything(store)).values()) {
          const once = foldRecorded(orderFold, stream);
          const duplicate = stream[pickSeed % stream.length];
          if (duplicate === undefined) continue;
          // Deliver it again somewhere at or after its first delivery, as an at-least-once reader would.
          const original = stream.indexOf(duplicate);
          const at = original + 1 + (placeSeed % (stream.length - original));
          const twice = [...stream.slice(0, at), duplicate, ...stream.slice(at)];
          expect(foldRecorded(orderFold, twice)).toEqual(once);
        }
      }),
      runs,
    );
  });

  it('appending an event id again writes nothing and answers as the first time', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { store, steps } = await runScenario(scenario);
        const before = await readEverything(store);
        for (const { events } of steps) {
          const byStream = new Map<string, RecordedEvent[]>();
          for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
          for (const [streamId, written] of byStream) {
            const result = await store.appendToStream(
              streamId,
              written.map(({ type, data, eventId, metadata }) => ({ type, data, eventId, metadata }) as never),
            );
            expect(result.nextExpectedRevision).toBe(written.at(-1)?.revision);
          }
        }
        expect(await readEverything(store)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});

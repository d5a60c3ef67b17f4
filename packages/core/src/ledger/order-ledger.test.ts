import { describe, expect, it } from 'vitest';
import { handleCommand } from '../command/handle-command';
import type { EventStore } from '../event-store/event-store';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import type { PlaceOrder } from '../order/order-commands';
import { stockDecider } from '../stock/stock-decider';
import { OrderLedger } from './order-ledger';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const place: PlaceOrder = {
  type: 'PlaceOrder',
  orderId: 'o1',
  customerId: 'ada',
  at: '2026-03-02T09:00:00Z',
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'MUG', quantity: 2, unitPrice: eur(1800), kind: 'physical' }],
  delivery: { method: 'pickup' },
};
const receive = { type: 'AdjustStock', sku: 'MUG', at: '2026-03-01T09:00:00Z', delta: 5, reason: 'received' } as const;

/** A store that loses the race `conflicts` times: another writer appends just before each attempt. */
function contendedStore(conflicts: number): { store: EventStore; attempts: () => number } {
  const inner = new InMemoryEventStore();
  let attempts = 0;
  const store: EventStore = Object.assign(Object.create(inner) as EventStore, {
    capabilities: inner.capabilities,
    appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
      attempts += 1;
      if (attempts <= conflicts) {
        await inner.appendToStream(args[0], [
          { eventId: `rival-${attempts}`, type: 'StockAdjusted', data: { ...receive, delta: 1 } },
        ]);
      }
      return inner.appendToStream(...args);
    },
    readStream: inner.readStream.bind(inner),
    readEventsById: inner.readEventsById.bind(inner),
  });
  return { store, attempts: () => attempts };
}

describe('handleCommand', () => {
  it('loads, decides and appends, and yields a command’s events once however often it runs', async () => {
    const store = new InMemoryEventStore();
    const first = await handleCommand(store, stockDecider(), 'stock-MUG', receive, { commandId: 'cmd-1' });
    const again = await handleCommand(store, stockDecider(), 'stock-MUG', receive, { commandId: 'cmd-1' });
    expect(first.alreadyHandled).toBe(false);
    expect(again.alreadyHandled).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(store.size).toBe(1);
    expect(again.state.onHand).toBe(5);
  });

  it('retries on a conflict with fresh state, within its bound', async () => {
    const twice = contendedStore(2);
    const result = await handleCommand(twice.store, stockDecider(), 'stock-MUG', receive, { maxAttempts: 3 });
    expect(twice.attempts()).toBe(3);
    expect(result.state.onHand).toBe(7);

    const always = contendedStore(10);
    await expect(
      handleCommand(always.store, stockDecider(), 'stock-MUG', receive, { maxAttempts: 3 }),
    ).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
    });
    expect(always.attempts()).toBe(3);
  });

  it('passes refusals straight through, writing nothing', async () => {
    const store = new InMemoryEventStore();
    await expect(
      handleCommand(store, stockDecider(), 'stock-MUG', {
        ...receive,
        type: 'AdjustStock',
        delta: -1,
        reason: 'breakage',
      }),
    ).rejects.toMatchObject({ code: 'STOCK_NEGATIVE' });
    expect(store.size).toBe(0);
  });
});

describe('OrderLedger', () => {
  it('writes an order and the stock it commits in one step', async () => {
    const ledger = new OrderLedger(new InMemoryEventStore());
    await ledger.execute(receive);
    const result = await ledger.execute(place, { commandId: 'checkout-1', metadata: { actor: 'web' } });
    expect(result.events.map((event) => [event.streamId, event.type])).toEqual([
      ['order-o1', 'OrderPlaced'],
      ['stock-MUG', 'StockCommitted'],
    ]);
    expect(result.events.every((event) => event.metadata.actor === 'web')).toBe(true);
    expect(await ledger.stock('MUG')).toMatchObject({ onHand: 5, committed: 2, available: 3 });
  });

  it('runs a command id once: a retried checkout returns the first run’s events', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    await ledger.execute(receive);
    const first = await ledger.execute(place, { commandId: 'checkout-1' });
    const retried = await ledger.execute(place, { commandId: 'checkout-1' });
    expect(retried.alreadyHandled).toBe(true);
    expect(retried.events).toEqual(first.events);
    expect(store.size).toBe(3);
  });

  it('refuses a checkout the shelf cannot cover, writing neither the order nor the stock', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    await ledger.execute({ ...receive, delta: 1 });
    await expect(ledger.execute(place)).rejects.toMatchObject({ code: 'OUT_OF_STOCK', requested: 2, available: 1 });
    expect((await ledger.order('o1')).exists).toBe(false);
    expect(store.size).toBe(1);
  });

  it('refuses a command decided on a revision the caller no longer has, unless it already ran', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    await ledger.execute(receive);
    await expect(ledger.execute(place, { expectedRevision: 0 })).rejects.toMatchObject({
      code: 'REVISION_MISMATCH',
      expected: 0,
      actual: 'no_stream',
    });
    await ledger.execute(place, { expectedRevision: 'no_stream', commandId: 'checkout-1' });
    const pay = {
      type: 'Pay',
      orderId: 'o1',
      at: '2026-03-02T10:00:00Z',
      paymentId: 'p1',
      amount: eur(3600),
      method: 'card',
    } as const;
    await expect(ledger.execute(pay, { expectedRevision: 'no_stream' })).rejects.toMatchObject({
      code: 'REVISION_MISMATCH',
      actual: 0,
    });
    expect(store.size).toBe(3);
    await ledger.execute(pay, { expectedRevision: 0 });
    const retried = await ledger.execute(place, { expectedRevision: 'no_stream', commandId: 'checkout-1' });
    expect(retried.alreadyHandled).toBe(true);
  });
});

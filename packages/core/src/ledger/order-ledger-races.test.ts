import { describe, expect, it } from 'vitest';
import type { EventStore } from '../event-store/event-store';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import type { NewEvent } from '../event-store/types';
import type { PlaceOrder } from '../order/order-commands';
import { OrderLedger } from './order-ledger';

/**
 * Two writers interleaved at a chosen point, in one process and deterministically: the store runs
 * `between` once, right after the `nth` read of `streamId` returns to the ledger under test. The
 * cross-process races that found these defects live in the conformance suite; these pin each one.
 */
function pausingAfterRead(streamId: string, between: () => Promise<void>, nth = 1): EventStore & { arm(): void } {
  const inner = new InMemoryEventStore();
  let reads = 0;
  let armed = false;
  return {
    capabilities: inner.capabilities,
    appendToStream: (...args) => inner.appendToStream(...args),
    appendToStreams: (...args) => inner.appendToStreams(...args),
    readAll: (...args) => inner.readAll(...args),
    follow: (...args) => inner.follow(...args),
    close: () => inner.close(),
    readStream: async (...args) => {
      const events = await inner.readStream(...args);
      if (armed && args[0] === streamId) {
        reads += 1;
        if (reads === nth) {
          armed = false;
          await between();
        }
      }
      return events;
    },
    arm: () => {
      armed = true;
    },
  };
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = '2026-03-02T09:00:00Z';
const place = (orderId: string, quantity: number): PlaceOrder => ({
  type: 'PlaceOrder',
  orderId,
  customerId: 'ada',
  at,
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'MUG', quantity, unitPrice: eur(1800), kind: 'physical' }],
  delivery: { method: 'pickup' },
});

describe('OrderLedger under interleaved writers (atomic store)', () => {
  it('a retried checkout that reads the order just before its original commits does not release the original’s units', async () => {
    let original: OrderLedger | undefined;
    const store = pausingAfterRead('order-1001', async () => {
      await original?.execute(place('1001', 2), { commandId: 'checkout-1001' });
    });
    original = new OrderLedger(store);
    const retry = new OrderLedger(store);
    await retry.execute({ type: 'AdjustStock', sku: 'MUG', at, delta: 2, reason: 'received' });
    store.arm();

    const result = await retry.execute(place('1001', 2), { commandId: 'checkout-1001' });
    expect(result.alreadyHandled).toBe(true);
    // The two units stay promised to the order: a third buyer cannot take them.
    expect(await retry.stock('MUG')).toMatchObject({ onHand: 2, committed: 2, available: 0 });
    await expect(retry.execute(place('1002', 1))).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
    const released = (await store.readStream('stock-MUG')).filter((event) => event.type === 'StockReleased');
    expect(released).toEqual([]);
  });

  it('a pickup that read the order before a refund cancelled a unit is decided again, not refused', async () => {
    let other: OrderLedger | undefined;
    const store = pausingAfterRead('order-1001', async () => {
      await other?.execute({
        type: 'RefundOrder',
        orderId: '1001',
        at,
        refundId: 'r1',
        reason: 'changed_mind',
        lines: [{ lineId: 'l1', quantity: 1, restock: 'cancel' }],
      });
    });
    other = new OrderLedger(store);
    const ledger = new OrderLedger(store);
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at, delta: 5, reason: 'received' });
    await ledger.execute(place('1001', 2));
    await ledger.execute({ type: 'Pay', orderId: '1001', at, paymentId: 'p1', amount: eur(3600), method: 'card' });
    store.arm();

    await ledger.execute({ type: 'MarkPickedUp', orderId: '1001', at });
    const order = await ledger.order('1001');
    expect(order.status).toBe('done');
    expect(order.lines[0]).toMatchObject({ fulfilled: 1, cancelled: 1 });
    expect(await ledger.stock('MUG')).toMatchObject({ onHand: 4, committed: 0, available: 4 });
  });
});

/**
 * A store without atomic multi-stream appends (as EventStoreDB), whose appends run `between` once,
 * right after the first append that matches `when` lands.
 */
function pausingAfterAppend(
  hooks: { when: (events: readonly NewEvent[]) => boolean; between: () => Promise<void> }[],
): EventStore {
  const inner = new InMemoryEventStore({ atomicMultiStreamAppend: false });
  const pending = [...hooks];
  return {
    capabilities: inner.capabilities,
    appendToStreams: (...args) => inner.appendToStreams(...args),
    readStream: (...args) => inner.readStream(...args),
    readAll: (...args) => inner.readAll(...args),
    follow: (...args) => inner.follow(...args),
    close: () => inner.close(),
    appendToStream: async (...args) => {
      const result = await inner.appendToStream(...args);
      const index = pending.findIndex((hook) => hook.when(args[1]));
      const hook = pending[index];
      if (hook !== undefined) {
        pending.splice(index, 1);
        await hook.between();
      }
      return result;
    },
  };
}

describe('OrderLedger under interleaved writers (reservation flow)', () => {
  it('a retry that finds its original between reserving and recording takes the reservation over: no third buyer can take the unit', async () => {
    let retry: Promise<unknown> | undefined;
    let thirdBuyer: Promise<unknown> | undefined;
    let ledger: OrderLedger | undefined;
    const store = pausingAfterAppend([
      {
        // The original has reserved and not yet recorded the order: its retry runs now.
        when: (events) => events.some((event) => event.type === 'StockCommitted' && event.data.orderId === '1001'),
        between: async () => {
          retry = ledger?.execute(place('1001', 1), { commandId: 'checkout-1001' }).catch((error: unknown) => error);
          await retry;
        },
      },
      {
        // Were the original's reservation released, a third buyer would take the unit right then.
        when: (events) => events.some((event) => event.type === 'StockReleased'),
        between: async () => {
          thirdBuyer = ledger?.execute(place('1002', 1)).catch((error: unknown) => error);
          await thirdBuyer;
        },
      },
    ]);
    ledger = new OrderLedger(store);
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at, delta: 1, reason: 'received' });

    const original = await ledger.execute(place('1001', 1), { commandId: 'checkout-1001' });
    expect(original.events.map((event) => event.type)).toContain('OrderPlaced');
    expect(await retry).toMatchObject({ events: expect.any(Array) });
    expect(thirdBuyer).toBeUndefined();
    await expect(ledger.execute(place('1002', 1))).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });

    expect((await ledger.order('1001')).exists).toBe(true);
    expect(await ledger.stock('MUG')).toMatchObject({ onHand: 1, committed: 1, commitments: { '1001/l1': 1 } });
    const stream = await store.readStream('stock-MUG');
    expect(stream.filter((event) => event.type === 'StockReleased')).toEqual([]);
    expect(stream.filter((event) => event.type === 'StockCommitted')).toHaveLength(1);
  });
});

describe('a command id reused for another order', () => {
  it('is refused when the orders share a SKU, on an atomic store and in the reservation flow alike', async () => {
    for (const atomic of [true, false]) {
      const ledger = new OrderLedger(new InMemoryEventStore({ atomicMultiStreamAppend: atomic }));
      await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at, delta: 2, reason: 'received' });
      await ledger.execute(place('1001', 1), { commandId: 'checkout' });
      await expect(ledger.execute(place('1002', 1), { commandId: 'checkout' })).rejects.toMatchObject({
        code: 'COMMAND_ID_REUSED',
      });
      expect((await ledger.order('1002')).exists).toBe(false);
      expect(await ledger.stock('MUG')).toMatchObject({ committed: 1, available: 1 });
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { EventStore } from '../event-store/event-store';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
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

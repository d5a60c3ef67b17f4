import { foldProjection, InMemoryEventStore, OrderLedger, reconcileLedger } from '@order-ledger/core';
import { readEverything } from '@order-ledger/core/testing';
import { ordersBoard, storeRhythm } from '@order-ledger/projection-orders-board';
import { stockCounts } from '@order-ledger/projection-stock-counts';
import { describe, expect, it } from 'vitest';
import { weeklySweep } from './weekly-sweep';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };

describe('weekly sweep: a store that has outgrown its Friday sweep', () => {
  it('reports stuck orders, pending money, stock truth, the week’s movements and the signs', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    await ledger.execute({
      type: 'AdjustStock',
      sku: 'MUG',
      at: '2026-02-01T09:00:00Z',
      delta: 20,
      reason: 'received',
    });
    const order = async (orderId: string, at: string, quantity = 1) => {
      await ledger.execute({
        type: 'PlaceOrder',
        orderId,
        customerId: `c-${orderId}`,
        at,
        currency: 'EUR',
        lines: [{ lineId: 'l1', sku: 'MUG', quantity, unitPrice: eur(1800), kind: 'physical' }],
        delivery: { method: 'ship', address },
      });
      await ledger.execute({
        type: 'Pay',
        orderId,
        at,
        paymentId: `p${orderId}`,
        amount: eur(1800 * quantity),
        method: 'card',
      });
    };
    // Two orders paid in mid-February that nobody started: stuck at each of the last weeks' sweeps.
    await order('s1', '2026-02-16T09:00:00Z');
    await order('s2', '2026-02-17T09:00:00Z');
    // Two packers, and an order being prepared with no name on it.
    await order('p1', '2026-03-02T09:00:00Z');
    await ledger.execute({ type: 'StartPreparing', orderId: 'p1', at: '2026-03-02T10:00:00Z', preparedBy: 'sam' });
    await order('p2', '2026-03-02T09:00:00Z');
    await ledger.execute({ type: 'StartPreparing', orderId: 'p2', at: '2026-03-02T10:00:00Z', preparedBy: 'kim' });
    await order('p3', '2026-03-05T09:00:00Z');
    await ledger.execute({ type: 'StartPreparing', orderId: 'p3', at: '2026-03-05T10:00:00Z' });
    // A wrong item shipped: refunded and returned this week.
    await order('w1', '2026-03-02T09:00:00Z', 2);
    await ledger.execute({ type: 'Ship', orderId: 'w1', at: '2026-03-02T15:00:00Z' });
    await ledger.execute({
      type: 'RefundOrder',
      orderId: 'w1',
      at: '2026-03-05T09:00:00Z',
      refundId: 'r1',
      reason: 'wrong_item',
      lines: [{ lineId: 'l1', quantity: 1, restock: 'return' }],
    });
    // The week's breakage and an in-person sale.
    await ledger.execute({
      type: 'AdjustStock',
      sku: 'MUG',
      at: '2026-03-04T09:00:00Z',
      delta: -1,
      reason: 'breakage',
    });
    await ledger.execute({
      type: 'AdjustStock',
      sku: 'MUG',
      at: '2026-03-05T09:00:00Z',
      delta: -2,
      reason: 'in_person_sale',
    });

    const history = await readEverything(store);
    const sweep = weeklySweep({
      board: foldProjection(ordersBoard, history).state,
      stock: foldProjection(stockCounts, history).state,
      history,
      rhythm: storeRhythm(),
      asOf: new Date('2026-03-06T17:00:00Z'),
      recount: { MUG: 14 },
    });

    expect(sweep.stuck.map((row) => [row.orderId, row.stuck])).toEqual([
      ['s1', ['past-promise', 'not-started']],
      ['s2', ['past-promise', 'not-started']],
      ['p1', ['past-promise', 'preparing-too-long']],
      ['p2', ['past-promise', 'preparing-too-long']],
    ]);
    expect(sweep.pendingMoney).toEqual([]);
    // 20 in, 2 shipped to w1, 1 back, 1 broken, 2 sold over the counter: 16 on hand; the shelf says 14.
    expect(sweep.stock.differences).toEqual([
      { sku: 'MUG', against: 'recount', field: 'onHand', counts: 16, expected: 14 },
    ]);
    expect(sweep.adjustments).toEqual({
      breakage: { entries: 1, units: -1 },
      in_person_sale: { entries: 1, units: -2 },
    });
    expect(sweep.refunds).toEqual({ wrong_item: { refunds: 1, amounts: { EUR: 1800 }, returnedUnits: 1 } });
    expect(sweep.outgrown).toEqual([
      { kind: 'stuck-week-after-week', consecutiveWeeks: 3, stuckPerWeek: [4, 2, 2, 0] },
      { kind: 'packing-errors', refunds: 1, byReason: { wrong_item: 1 } },
      { kind: 'unassigned-preparation', preparers: 2, orders: ['p3'] },
    ]);
  });

  it('lists an unpaid order holding the last unit for weeks as stuck, awaiting payment', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at: '2026-02-01T09:00:00Z', delta: 1, reason: 'received' });
    // Placed Monday 9 February by bank transfer that never came: the only mug is promised to it.
    await ledger.execute({
      type: 'PlaceOrder',
      orderId: 'u1',
      customerId: 'ada',
      at: '2026-02-09T09:00:00Z',
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' }],
      delivery: { method: 'ship', address },
    });
    expect(await ledger.stock('MUG')).toMatchObject({ available: 0 });
    const history = await readEverything(store);
    const sweep = weeklySweep({
      board: foldProjection(ordersBoard, history).state,
      stock: foldProjection(stockCounts, history).state,
      history,
      rhythm: storeRhythm(),
      asOf: new Date('2026-03-06T17:00:00Z'),
    });
    expect(sweep.stuck.map((row) => [row.orderId, row.stuck])).toEqual([['u1', ['awaiting-payment']]]);
    expect(sweep.pendingMoney).toEqual([
      { orderId: 'u1', customerId: 'ada', currency: 'EUR', kind: 'awaiting-payment', amount: 1800 },
    ]);
    // Stuck at this sweep and at each of the three before it (13, 20 and 27 February).
    expect(sweep.outgrown).toEqual([
      { kind: 'stuck-week-after-week', consecutiveWeeks: 4, stuckPerWeek: [1, 1, 1, 1] },
    ]);
  });

  it('lists stock reserved for an order that was never recorded, until reconcileLedger releases it', async () => {
    // Once armed, the writer "dies" at the order append: that append and every later one fail.
    let dying = false;
    let dead = false;
    const store = new InMemoryEventStore({
      atomicMultiStreamAppend: false,
      now: () => new Date('2026-03-05T12:00:00Z'),
      beforeAppend: (writes) => {
        if (dying && writes[0]?.streamId.startsWith('order-')) dead = true;
        if (dead) throw new Error('the process died here');
      },
    });
    const ledger = new OrderLedger(store);
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at: '2026-03-01T09:00:00Z', delta: 5, reason: 'received' });
    dying = true;
    await expect(
      ledger.execute({
        type: 'PlaceOrder',
        orderId: 'lost',
        customerId: 'ada',
        at: '2026-03-05T12:00:00Z',
        currency: 'EUR',
        lines: [{ lineId: 'l1', sku: 'MUG', quantity: 2, unitPrice: eur(1800), kind: 'physical' }],
        delivery: { method: 'pickup' },
      }),
    ).rejects.toMatchObject({ code: 'COMMAND_INCOMPLETE' });
    dying = false;
    dead = false;
    // The compensation died with the process: only the reservation is left.
    const sweepOf = async () => {
      const history = await readEverything(store);
      return weeklySweep({
        board: foldProjection(ordersBoard, history).state,
        stock: foldProjection(stockCounts, history).state,
        history,
        rhythm: storeRhythm(),
        asOf: new Date('2026-03-06T17:00:00Z'),
      });
    };
    expect((await sweepOf()).ledgerGaps.orphanedReservations).toEqual([
      expect.objectContaining({ sku: 'MUG', orderId: 'lost', quantity: 2 }),
    ]);
    await reconcileLedger(store, { asOf: new Date('2026-03-06T17:00:00Z') });
    expect((await sweepOf()).ledgerGaps).toEqual({ orphanedReservations: [], missingStockMovements: [] });
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 0, available: 5 });
  });
});

import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import { amountDue, refundOwed } from '../order/order-state';
import type { LedgerCommand } from './ledger-command';
import { OrderLedger } from './order-ledger';

/**
 * Worked examples of the two promises (stock tells the truth; money owed is money shown), one per
 * defect that longer histories found. Each failed before its fix.
 */
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = '2026-03-02T09:00:00Z';

async function shopWith(...commands: LedgerCommand[]): Promise<OrderLedger> {
  const ledger = new OrderLedger(new InMemoryEventStore());
  for (const command of commands) await ledger.execute(command);
  return ledger;
}

const receive = (delta: number): LedgerCommand => ({ type: 'AdjustStock', sku: 'MUG', at, delta, reason: 'received' });
const place = (orderId: string, quantity: number, method: 'pickup' | 'ship' = 'pickup'): LedgerCommand => ({
  type: 'PlaceOrder',
  orderId,
  customerId: 'ada',
  at,
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'MUG', quantity, unitPrice: eur(1000), kind: 'physical' }],
  delivery:
    method === 'pickup'
      ? { method: 'pickup' }
      : { method: 'ship', address: { line1: '1 Rua', city: 'Porto', country: 'PT' } },
});
const pay = (orderId: string, amount: number, paymentId = `${orderId}-p`): LedgerCommand => ({
  type: 'Pay',
  orderId,
  at,
  paymentId,
  amount: eur(amount),
  method: 'card',
});

describe('stock tells the truth', () => {
  it('an in-person sale cannot take a unit promised to an order unless forced, and a pickup never takes on hand below zero', async () => {
    const ledger = await shopWith(receive(2), place('1001', 2), pay('1001', 2000));
    await expect(
      ledger.execute({ type: 'AdjustStock', sku: 'MUG', at, delta: -1, reason: 'in_person_sale' }),
    ).rejects.toMatchObject({ code: 'STOCK_PROMISED' });
    expect(await ledger.stock('MUG')).toMatchObject({ onHand: 2, committed: 2 });

    // Forced, the sale is recorded as such; then the pickup of two is refused: one is on the shelf.
    const forced = await ledger.execute({
      type: 'AdjustStock',
      sku: 'MUG',
      at,
      delta: -1,
      reason: 'in_person_sale',
      force: true,
      note: 'regular asked at the counter',
    });
    expect(forced.events[0]?.data).toMatchObject({ forced: true, delta: -1 });
    await expect(ledger.execute({ type: 'MarkPickedUp', orderId: '1001', at })).rejects.toMatchObject({
      code: 'STOCK_NEGATIVE',
    });
    expect((await ledger.stock('MUG')).onHand).toBe(1);
    await ledger.execute(receive(1));
    await ledger.execute({ type: 'MarkPickedUp', orderId: '1001', at });
    expect(await ledger.stock('MUG')).toMatchObject({ onHand: 0, committed: 0, available: 0 });
  });

  it('a refund with return after a damaged return refunds the damaged unit: no phantom resellable unit', async () => {
    const ledger = await shopWith(receive(2), place('1001', 2), pay('1001', 2000));
    await ledger.execute({ type: 'MarkPickedUp', orderId: '1001', at });
    await ledger.execute({
      type: 'ReceiveReturn',
      orderId: '1001',
      at,
      returnId: 'ret-1',
      lines: [{ lineId: 'l1', quantity: 1, condition: 'damaged' }],
    });
    await ledger.execute({
      type: 'RefundOrder',
      orderId: '1001',
      at,
      refundId: 'r1',
      reason: 'damaged',
      lines: [{ lineId: 'l1', quantity: 1, restock: 'return' }],
    });
    const line = (await ledger.order('1001')).lines[0];
    expect(line).toMatchObject({ returnedDamaged: 1, returnedResellable: 0, refundedQuantity: 1 });
    // The damaged mug never reaches the shelf; the other one is still with the buyer.
    expect((await ledger.stock('MUG')).onHand).toBe(0);
  });

  it('a refund with return of units already received back moves no more stock, and they cannot come back twice', async () => {
    const ledger = await shopWith(receive(2), place('1001', 2), pay('1001', 2000));
    await ledger.execute({ type: 'MarkPickedUp', orderId: '1001', at });
    await ledger.execute({
      type: 'ReceiveReturn',
      orderId: '1001',
      at,
      returnId: 'ret-1',
      lines: [{ lineId: 'l1', quantity: 1, condition: 'resellable' }],
    });
    expect((await ledger.stock('MUG')).onHand).toBe(1);
    await ledger.execute({
      type: 'RefundOrder',
      orderId: '1001',
      at,
      refundId: 'r1',
      reason: 'changed_mind',
      lines: [{ lineId: 'l1', quantity: 2, restock: 'return' }],
    });
    // One unit was back already; the refund records only the other as coming back.
    expect((await ledger.stock('MUG')).onHand).toBe(2);
    expect((await ledger.order('1001')).lines[0]).toMatchObject({ returnedResellable: 2, refundedQuantity: 2 });
    await expect(
      ledger.execute({
        type: 'ReceiveReturn',
        orderId: '1001',
        at,
        returnId: 'ret-2',
        lines: [{ lineId: 'l1', quantity: 1, condition: 'resellable' }],
      }),
    ).rejects.toMatchObject({ code: 'RETURN_EXCEEDS_SHIPPED' });
    expect((await ledger.stock('MUG')).onHand).toBe(2);
  });

  it('a return whose id equals an earlier refund’s id is recorded, not dropped', async () => {
    const ledger = await shopWith(receive(2), place('1001', 2), pay('1001', 2000));
    await ledger.execute({ type: 'MarkPickedUp', orderId: '1001', at });
    await ledger.execute({
      type: 'RefundOrder',
      orderId: '1001',
      at,
      refundId: 'R-7',
      reason: 'changed_mind',
      lines: [{ lineId: 'l1', quantity: 1, restock: 'return' }],
    });
    const result = await ledger.execute({
      type: 'ReceiveReturn',
      orderId: '1001',
      at,
      returnId: 'R-7',
      lines: [{ lineId: 'l1', quantity: 1, condition: 'resellable' }],
    });
    expect(result.alreadyHandled).toBe(false);
    expect(result.events.map((event) => event.type)).toContain('ReturnReceived');
    expect((await ledger.order('1001')).lines[0]?.returnedResellable).toBe(2);
    expect((await ledger.stock('MUG')).onHand).toBe(2);
  });

  it('a cancellation’s refund id does not swallow a caller’s refund of the same id', async () => {
    const ledger = await shopWith(receive(2), place('1001', 2), pay('1001', 500));
    await ledger.execute({ type: 'CancelOrder', orderId: '1001', at, reason: 'customer', refund: false });
    await ledger.execute({
      type: 'RefundAmount',
      orderId: '1001',
      at,
      refundId: '1001/cancel',
      reason: 'cancelled',
      amount: eur(500),
    });
    expect((await ledger.order('1001')).refunded.amount).toBe(500);
  });
});

describe('rules of a store that takes backorders, and of edits and pay at pickup', () => {
  it('books goods in while backorders hold on hand below zero', async () => {
    const ledger = new OrderLedger(new InMemoryEventStore(), { policy: { allowBackorders: true } });
    for (const command of [place('1001', 3), pay('1001', 3000)]) await ledger.execute(command);
    await ledger.execute({ type: 'MarkPickedUp', orderId: '1001', at });
    expect((await ledger.stock('MUG')).onHand).toBe(-3);
    await ledger.execute(receive(1));
    expect((await ledger.stock('MUG')).onHand).toBe(-2);
    await expect(
      ledger.execute({ type: 'AdjustStock', sku: 'MUG', at, delta: -1, reason: 'breakage' }),
    ).rejects.toMatchObject({ code: 'STOCK_NEGATIVE' });
  });

  it('lets an order be edited down to its cancelled units, counted once', async () => {
    const ledger = await shopWith(receive(3), place('1001', 3), pay('1001', 3000));
    await ledger.execute({
      type: 'RefundOrder',
      orderId: '1001',
      at,
      refundId: 'r1',
      reason: 'changed_mind',
      lines: [{ lineId: 'l1', quantity: 1, restock: 'cancel' }],
    });
    const edit = (quantity: number): LedgerCommand => ({
      type: 'EditOrder',
      orderId: '1001',
      at,
      changes: [{ kind: 'QuantityChanged', lineId: 'l1', quantity }],
    });
    await ledger.execute(edit(1));
    expect((await ledger.order('1001')).lines[0]).toMatchObject({ quantity: 1, cancelled: 1 });
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 0, available: 3 });
  });

  it('refuses pay at pickup on an order that is shipped', async () => {
    const shipped = place('1001', 1, 'ship');
    await expect(shopWith(receive(1), { ...shipped, payAtPickup: true } as LedgerCommand)).rejects.toMatchObject({
      code: 'ORDER_INVALID',
    });
  });
});

describe('claims', () => {
  it('a claim the store would settle at once by replacement, with nothing on the shelf to send, is recorded and waits', async () => {
    const ledger = new OrderLedger(new InMemoryEventStore(), {
      policy: { justFixItBelow: { EUR: 5000 }, justFixItWith: 'replacement' },
    });
    for (const command of [receive(1), place('1001', 1, 'ship'), pay('1001', 1000)]) await ledger.execute(command);
    await ledger.execute({ type: 'Ship', orderId: '1001', at });
    const claimed = await ledger.execute({ type: 'ClaimNeverArrived', orderId: '1001', at, claimId: 'c1' });
    expect(claimed.events.map((event) => event.type)).toEqual(['NeverArrivedClaimed']);
    expect((await ledger.order('1001')).claims).toMatchObject([{ claimId: 'c1', settlement: undefined }]);
    // With a unit back on the shelf, the store can decide to replace it.
    await ledger.execute(receive(1));
    await ledger.execute({ type: 'SettleNeverArrived', orderId: '1001', at, claimId: 'c1', settlement: 'replacement' });
    expect(await ledger.stock('MUG')).toMatchObject({ onHand: 0, committed: 0 });
  });
});

describe('money owed is money shown', () => {
  it('refunding the overpayment after an edit down clears it, and the goods stay sold', async () => {
    const ledger = await shopWith(receive(3), place('1001', 3), pay('1001', 3000));
    await ledger.execute({
      type: 'EditOrder',
      orderId: '1001',
      at,
      changes: [{ kind: 'QuantityChanged', lineId: 'l1', quantity: 2 }],
    });
    expect(refundOwed(await ledger.order('1001')).amount).toBe(1000);
    await ledger.execute({
      type: 'RefundAmount',
      orderId: '1001',
      at,
      refundId: 'r1',
      reason: 'other',
      amount: eur(1000),
    });
    const order = await ledger.order('1001');
    expect(refundOwed(order).amount).toBe(0);
    expect(amountDue(order).amount).toBe(0);
    expect(order.lines[0]).toMatchObject({ quantity: 2, refundedQuantity: 0, refundedAmount: eur(0) });
  });

  it('a payment id sent again with another amount is refused; with the same amount it is the same payment', async () => {
    const ledger = await shopWith(receive(3), place('1001', 3), pay('1001', 1000, 'stripe-1'));
    await expect(ledger.execute(pay('1001', 2000, 'stripe-1'))).rejects.toMatchObject({ code: 'PAYMENT_ID_REUSED' });
    const again = await ledger.execute(pay('1001', 1000, 'stripe-1'));
    expect(again.events).toEqual([]);
    expect((await ledger.order('1001')).paid.amount).toBe(1000);
  });

  it('a refund or return id sent again with other content is refused; with the same content it is the same one', async () => {
    const ledger = await shopWith(receive(3), place('1001', 3), pay('1001', 3000));
    await ledger.execute({ type: 'MarkPickedUp', orderId: '1001', at });
    const refundAmount = (amount: number): LedgerCommand => ({
      type: 'RefundAmount',
      orderId: '1001',
      at,
      refundId: 'R-1',
      reason: 'other',
      amount: eur(amount),
    });
    await ledger.execute(refundAmount(300));
    expect((await ledger.execute(refundAmount(300))).events).toEqual([]);
    await expect(ledger.execute(refundAmount(500))).rejects.toMatchObject({ code: 'REFUND_ID_REUSED' });
    await expect(
      ledger.execute({
        type: 'RefundOrder',
        orderId: '1001',
        at,
        refundId: 'R-1',
        reason: 'damaged',
        lines: [{ lineId: 'l1', quantity: 1, restock: 'return' }],
      }),
    ).rejects.toMatchObject({ code: 'REFUND_ID_REUSED' });
    const giveBack = (quantity: number): LedgerCommand => ({
      type: 'ReceiveReturn',
      orderId: '1001',
      at,
      returnId: 'RET-1',
      lines: [{ lineId: 'l1', quantity, condition: 'resellable' }],
    });
    await ledger.execute(giveBack(1));
    expect((await ledger.execute(giveBack(1))).events).toEqual([]);
    await expect(ledger.execute(giveBack(2))).rejects.toMatchObject({ code: 'RETURN_ID_REUSED' });
    expect((await ledger.order('1001')).refunded.amount).toBe(300);
    expect((await ledger.stock('MUG')).onHand).toBe(1);
  });

  it('a command id reused for a different command is refused, not answered "already handled"', async () => {
    const ledger = await shopWith(receive(3), place('1001', 1), place('1002', 1));
    await ledger.execute(pay('1001', 1000), { commandId: 'checkout-42' });
    await expect(ledger.execute(pay('1001', 500, 'other'), { commandId: 'checkout-42' })).rejects.toMatchObject({
      code: 'COMMAND_ID_REUSED',
    });
    const retried = await ledger.execute(pay('1001', 1000), { commandId: 'checkout-42' });
    expect(retried.alreadyHandled).toBe(true);
  });
});

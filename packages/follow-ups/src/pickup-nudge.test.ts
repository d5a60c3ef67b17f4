import { foldProjection, InMemoryEventStore, OrderLedger } from '@order-ledger/core';
import { readEverything } from '@order-ledger/core/testing';
import { describe, expect, it } from 'vitest';
import { followUps } from './follow-ups-projection';
import { dueFollowUps } from './schedule';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Three pickup orders, each paid on Monday 2 March and set out on Tuesday 3 March at 10:00. */
async function shelf() {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
  for (const customerId of ['linus', 'margaret', 'grace']) {
    const orderId = `${customerId}-1`;
    await ledger.execute({
      type: 'PlaceOrder',
      orderId,
      customerId,
      at: '2026-03-02T10:00:00Z',
      currency: 'EUR',
      lines: [{ lineId: 'l1', sku: 'MUG', quantity: 2, unitPrice: eur(1800), kind: 'physical' }],
      delivery: { method: 'pickup' },
    });
    await ledger.execute({
      type: 'Pay',
      orderId,
      at: '2026-03-02T10:00:00Z',
      paymentId: `p-${orderId}`,
      amount: eur(3600),
      method: 'card',
    });
    await ledger.execute({ type: 'MarkReadyForPickup', orderId, at: '2026-03-03T10:00:00Z' });
  }
  // Margaret changed her mind: both mugs refunded and put back on sale, which cancels her order.
  await ledger.execute({
    type: 'RefundOrder',
    orderId: 'margaret-1',
    at: '2026-03-04T10:00:00Z',
    refundId: 'r1',
    reason: 'changed_mind',
    lines: [{ lineId: 'l1', quantity: 2, restock: 'cancel' }],
  });
  expect((await ledger.order('margaret-1')).status).toBe('cancelled');
  // Grace's order was cancelled outright.
  await ledger.execute({ type: 'CancelOrder', orderId: 'grace-1', at: '2026-03-04T10:00:00Z', reason: 'customer' });
  return foldProjection(followUps, await readEverything(store)).state;
}

describe('follow-ups: the pickup no-show nudge', () => {
  it('nudges the buyer 3 days after setting out and asks the staff after 14, for orders still waiting only', async () => {
    const due = dueFollowUps(await shelf(), { asOf: new Date('2026-04-30T00:00:00Z') });
    // Set out Tuesday 3 March 10:00: nudge Friday 6 March 10:00, decision Tuesday 17 March 10:00.
    // Margaret's mugs went back on sale and Grace's order was cancelled: nothing waits for them.
    expect(due).toEqual([
      { kind: 'pickup-nudge', dueAt: '2026-03-06T10:00:00.000Z', customerId: 'linus', orderId: 'linus-1' },
      { kind: 'pickup-decision', dueAt: '2026-03-17T10:00:00.000Z', customerId: 'linus', orderId: 'linus-1' },
    ]);
  });
});

import { OrderLedger } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from './message';
import { Outbox } from './outbox';
import { defaultTemplates, wordMessage } from './templates';
import { availableKinds, freshOutboxEach } from './testing/fresh-outbox';
import { afterAllDue, shopHistory, shopMessageIds, shopSchedule } from './testing/shop-history';

const kinds = await availableKinds(['memory', 'sqlite']);

describe.each(kinds)('buyer notes in the outbox (%s)', (kind) => {
  const fresh = freshOutboxEach(kind);

  it('writes a note per buyer-visible change, once each, beside the follow-ups, only when asked to', async () => {
    const { store, tables, deliveries, outbox } = fresh.opened;
    await shopHistory(store);
    // The outbox the tests open has buyer notes off: the follow-ups alone.
    expect((await outbox.enqueueDue(afterAllDue)).map((message) => message.id).sort()).toEqual(
      [...shopMessageIds].sort(),
    );
    const noting = new Outbox({ store, tables, deliveries, schedule: shopSchedule, lookbackDays: 9, buyerNotes: true });
    const written = (await noting.enqueueDue(afterAllDue)).map((message) => message.id);
    expect(written).toEqual([
      'buyer-note:grace-1:confirmed',
      'buyer-note:ada-1:confirmed',
      'buyer-note:linus-1:confirmed',
      'buyer-note:ada-1:shipped',
      'buyer-note:linus-1:ready-for-pickup',
      'buyer-note:ada-1:delivered',
    ]);
    expect(await noting.enqueueDue(afterAllDue)).toEqual([]);
    // A refund later is a note of its own, numbered; a second refund another.
    const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
    const refund = (refundId: string, at: string) =>
      ledger.execute({
        type: 'RefundAmount',
        orderId: 'ada-1',
        at,
        refundId,
        amount: { amount: 300, currency: 'EUR' },
        reason: 'damaged',
      });
    await refund('r1', '2026-03-09T10:00:00Z');
    await refund('r2', '2026-03-09T11:00:00Z');
    const refunds = await noting.enqueueDue(new Date('2026-03-09T12:00:00Z'));
    expect(refunds.map((message) => message.id)).toEqual(['buyer-note:ada-1:refund:1', 'buyer-note:ada-1:refund:2']);
    // A note stands once written: nothing after it withdraws it.
    expect(await noting.withdrawn(refunds)).toEqual(new Map());
  });
});

describe('the buyer note template', () => {
  const note = (change: Extract<OutboxMessage, { kind: 'buyer-note' }>['change']): OutboxMessage => ({
    kind: 'buyer-note',
    id: 'buyer-note:ada-1:x',
    dueAt: change.at,
    customerId: 'ada',
    orderId: 'ada-1',
    delivery: 'ship',
    change,
  });
  const context = {
    shopName: 'Harbour Mugs',
    buyerName: 'Ada',
    trackingUrl: 'https://shop.example/track/ada-1?token=t',
  };

  it('tells a shipment with its carrier and tracking number, and links the tracking page', () => {
    const words = wordMessage(
      defaultTemplates,
      note({ kind: 'shipped', at: '2026-03-05T15:00:00Z', carrier: 'CTT', trackingNumber: 'RR123PT' }),
      context,
    );
    expect(words.subject).toBe('Order ada-1 is on its way');
    expect(words.text).toContain(
      'Your order ada-1 left us with CTT on Thursday 5 March. Its tracking number is RR123PT.',
    );
    expect(words.text).toContain('Follow your order here: https://shop.example/track/ada-1?token=t');
  });

  it('tells a refund with its amount, and says nothing of a page the app does not serve', () => {
    const words = wordMessage(
      defaultTemplates,
      note({ kind: 'refunded', at: '2026-03-05T15:00:00Z', refund: 1, amount: { amount: 1250, currency: 'EUR' } }),
      { shopName: 'Harbour Mugs' },
    );
    expect(words.subject).toBe('A refund of EUR 12.50 for order ada-1');
    expect(words.text).not.toContain('Follow your order');
  });
});

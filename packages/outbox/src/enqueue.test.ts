import { OrderLedger } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { InMemoryDeliveries } from './memory-deliveries';
import { Outbox } from './outbox';
import { PostgresDeliveries } from './postgres-deliveries';
import { SqliteDeliveries } from './sqlite-deliveries';
import { availableKinds, freshOutboxEach } from './testing/fresh-outbox';
import { afterAllDue, shopHistory, shopMessageIds, shopSchedule } from './testing/shop-history';

const kinds = await availableKinds(['memory', 'sqlite', 'postgres']);
const day = 24 * 60 * 60 * 1000;

describe.each(kinds)('writing the outbox (%s)', (kind) => {
  const fresh = freshOutboxEach(kind);

  it('keeps delivery state in the store the outbox is for', () => {
    const adapters = { memory: InMemoryDeliveries, sqlite: SqliteDeliveries, postgres: PostgresDeliveries };
    expect(fresh.opened.deliveries).toBeInstanceOf(adapters[kind]);
  });

  it('writes each message once when two outboxes run at once: one writes, the other finds it written', async () => {
    const { store, tables, deliveries } = fresh.opened;
    await shopHistory(store);
    const twin = () => new Outbox({ store, tables, deliveries, schedule: shopSchedule, lookbackDays: 7 });
    const [first, second] = await Promise.all([twin().enqueueDue(afterAllDue), twin().enqueueDue(afterAllDue)]);
    const written = [...(first ?? []), ...(second ?? [])].map((message) => message.id).sort();
    expect(written).toEqual([...shopMessageIds].sort());
  });

  it('writes a follow-up recorded late on the next run, within the lookback, and never one due before it', async () => {
    const { store, outbox } = fresh.opened;
    await shopHistory(store);
    // A first run on 12 March with a week's lookback: the review ask (4 March) is too old to send
    // now; the pickup nudge (6 March) and the reorder nudge (8 March) are not.
    const late = new Date('2026-03-12T00:00:00Z');
    expect((await outbox.enqueueDue(late)).map((message) => message.id)).toEqual([
      'pickup-nudge:linus-1',
      'reorder-nudge:grace-1:COFFEE',
    ]);
    // Linus collects on 13 March, entered on the 14th after that day's run: its review ask is due on
    // the 13th, before the last run, and the lookback finds it.
    expect(await outbox.enqueueDue(new Date('2026-03-14T00:00:00Z'))).toEqual([]);
    await new OrderLedger(store, { policy: { allowBackorders: true } }).execute({
      type: 'MarkPickedUp',
      orderId: 'linus-1',
      at: '2026-03-13T17:00:00Z',
    });
    expect((await outbox.enqueueDue(new Date('2026-03-14T00:05:00Z'))).map((message) => message.id)).toEqual([
      'review-ask:linus-1',
    ]);
    expect(await outbox.enqueueDue(new Date(late.getTime() + 5 * day))).toEqual([]);
  });
});

import { OrderLedger } from '@order-ledger/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverDue } from './deliver-due';
import { availableKinds, freshOutboxEach } from './testing/fresh-outbox';
import { afterAllDue, shopHistory, shopMessageIds } from './testing/shop-history';
import { startWebhookReceiver, type WebhookAnswer } from './testing/webhook-receiver';
import { WebhookSender } from './webhook-sender';

const secret = 'a shared secret';
const kinds = await availableKinds(['memory', 'sqlite', 'postgres']);
/** No jitter: the schedule's delays are then exact. */
const noJitter = () => 0;
const minute = 60_000;

describe.each(kinds)('outbox by webhook (%s)', (kind) => {
  const fresh = freshOutboxEach(kind);

  beforeEach(async () => {
    await shopHistory(fresh.opened.store);
  });

  async function receiving(answer?: (id: string, nth: number) => WebhookAnswer) {
    const receiver = await startWebhookReceiver(secret, answer);
    fresh.closeAfter(() => receiver.close());
    return { receiver, sender: new WebhookSender({ url: receiver.url, secret, shopName: 'Harbour Mugs' }) };
  }

  it('writes each due follow-up once, under its own id, whatever the number of runs', async () => {
    const { outbox } = fresh.opened;
    expect((await outbox.enqueueDue(afterAllDue)).map((message) => message.id)).toEqual([...shopMessageIds]);
    expect(await outbox.enqueueDue(afterAllDue)).toEqual([]);
    expect(await outbox.enqueueDue(new Date(afterAllDue.getTime() + minute))).toEqual([]);
    expect((await outbox.messages()).map((message) => message.id).sort()).toEqual([...shopMessageIds].sort());
    // The messages are saved with the outbox's checkpoint: the position of the history they came from.
    expect((await fresh.opened.tables.status(outbox.model))?.position).toBeGreaterThan(0);
  });

  it('delivers each follow-up once, signed and keyed by its id, and never again once sent', async () => {
    const { sender, receiver } = await receiving();
    await fresh.opened.outbox.enqueueDue(afterAllDue);
    const report = await deliverDue({ outbox: fresh.opened.outbox, sender, now: afterAllDue });
    expect([...report.sent].sort()).toEqual([...shopMessageIds].sort());
    expect(receiver.received.map((request) => request.id).sort()).toEqual([...shopMessageIds].sort());
    expect(receiver.received.every((request) => request.signed)).toBe(true);
    const review = receiver.received.find((request) => request.id === 'review-ask:ada-1');
    expect(review?.body.message).toMatchObject({ kind: 'review-ask', orderId: 'ada-1', customerId: 'ada' });
    expect(review?.body.subject).toBe('How is your order ada-1?');
    const nudge = receiver.received.find((request) => request.id === 'reorder-nudge:grace-1:COFFEE');
    expect(nudge?.body.text).toContain('runs out around Wednesday 11 March');

    // A later run, and a run a day later, send nothing more.
    await fresh.opened.outbox.enqueueDue(new Date(afterAllDue.getTime() + 24 * 60 * minute));
    const again = await deliverDue({
      outbox: fresh.opened.outbox,
      sender,
      now: new Date(afterAllDue.getTime() + 24 * 60 * minute),
    });
    expect(again.sent).toEqual([]);
    expect(receiver.received).toHaveLength(3);
    const records = await fresh.opened.deliveries.records({ state: 'sent' });
    expect(records.map((record) => [record.id, record.attempts, record.sentAt])).toEqual(
      [...shopMessageIds].sort().map((id) => [id, 1, afterAllDue.toISOString()]),
    );
  });

  it('sends nothing before it is due', async () => {
    const { sender, receiver } = await receiving();
    await fresh.opened.outbox.enqueueDue(afterAllDue);
    // The review ask fell due on 4 March 11:00; at 10:59 it waits.
    const early = await deliverDue({ outbox: fresh.opened.outbox, sender, now: new Date('2026-03-04T10:59:00Z') });
    expect(early.sent).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it('retries a receiver that fails twice, waiting longer each time, then marks the message sent', async () => {
    const flaky = 'review-ask:ada-1';
    const { sender, receiver } = await receiving((id, nth) =>
      id === flaky && nth <= 2 ? { status: 503 } : { status: 200 },
    );
    const { outbox, deliveries } = fresh.opened;
    await outbox.enqueueDue(afterAllDue);
    const options = { outbox, sender, random: noJitter };
    const first = await deliverDue({ ...options, now: afterAllDue });
    expect(first.retried.map((retry) => [retry.id, retry.nextAttemptAt])).toEqual([
      [flaky, new Date(afterAllDue.getTime() + minute).toISOString()],
    ]);
    expect(first.retried[0]?.error).toContain('answered 503');
    // Before its next attempt is due nothing is claimed.
    expect(await deliverDue({ ...options, now: new Date(afterAllDue.getTime() + minute - 1) })).toMatchObject({
      sent: [],
      retried: [],
    });
    const second = await deliverDue({ ...options, now: new Date(afterAllDue.getTime() + minute) });
    // The second wait is twice the first.
    expect(second.retried.map((retry) => retry.nextAttemptAt)).toEqual([
      new Date(afterAllDue.getTime() + 3 * minute).toISOString(),
    ]);
    const third = await deliverDue({ ...options, now: new Date(afterAllDue.getTime() + 3 * minute) });
    expect(third.sent).toEqual([flaky]);
    expect(receiver.received.filter((request) => request.id === flaky)).toHaveLength(3);
    expect(receiver.accepted.filter((id) => id === flaky)).toHaveLength(1);
    expect(await deliveries.record(flaky)).toMatchObject({
      state: 'sent',
      attempts: 3,
      lastError: expect.stringContaining('503'),
    });
    expect(await deliverDue({ ...options, now: new Date(afterAllDue.getTime() + 60 * minute) })).toMatchObject({
      sent: [],
    });
  });

  it("waits as long as the receiver's Retry-After asks when that is longer", async () => {
    const { sender } = await receiving((_id, nth) =>
      nth === 1 ? { status: 429, retryAfter: '600' } : { status: 200 },
    );
    await fresh.opened.outbox.enqueueDue(afterAllDue);
    const first = await deliverDue({ outbox: fresh.opened.outbox, sender, now: afterAllDue, random: noJitter });
    expect(new Set(first.retried.map((retry) => retry.nextAttemptAt))).toEqual(
      new Set([new Date(afterAllDue.getTime() + 10 * minute).toISOString()]),
    );
  });

  it('marks a message the receiver refuses (a 4xx) failed with the reason, and sends it only when the app says so', async () => {
    const { sender, receiver } = await receiving((id, nth) =>
      id === 'pickup-nudge:linus-1' && nth === 1 ? { status: 422 } : { status: 204 },
    );
    await fresh.opened.outbox.enqueueDue(afterAllDue);
    const report = await deliverDue({ outbox: fresh.opened.outbox, sender, now: afterAllDue });
    expect(report.failed.map((failure) => failure.id)).toEqual(['pickup-nudge:linus-1']);
    const failed = await fresh.opened.deliveries.records({ state: 'failed' });
    expect(failed).toMatchObject([
      { id: 'pickup-nudge:linus-1', attempts: 1, lastError: expect.stringContaining('answered 422') },
    ]);
    await deliverDue({ outbox: fresh.opened.outbox, sender, now: new Date(afterAllDue.getTime() + 600 * minute) });
    expect(receiver.received.filter((request) => request.id === 'pickup-nudge:linus-1')).toHaveLength(1);

    // The shop mends its receiver and sends it again: attempts count from zero.
    const later = new Date(afterAllDue.getTime() + 601 * minute);
    expect(await fresh.opened.deliveries.resend('pickup-nudge:linus-1', later)).toBe(true);
    expect(await fresh.opened.deliveries.resend('review-ask:ada-1', later)).toBe(false);
    expect(await fresh.opened.deliveries.record('pickup-nudge:linus-1')).toMatchObject({
      state: 'pending',
      attempts: 0,
    });
    const resent = await deliverDue({ outbox: fresh.opened.outbox, sender, now: later });
    expect(resent.sent).toEqual(['pickup-nudge:linus-1']);
    expect(await fresh.opened.deliveries.record('pickup-nudge:linus-1')).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('withdraws what stopped being a follow-up before it was sent: a nudge once collected, a review ask once refunded', async () => {
    const { sender, receiver } = await receiving((id, nth) =>
      id === 'review-ask:ada-1' && nth === 1 ? { status: 503 } : { status: 204 },
    );
    const { outbox, store, deliveries } = fresh.opened;
    await outbox.enqueueDue(afterAllDue);
    const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
    // Linus collects on Sunday 8 March, before any worker ran.
    await ledger.execute({ type: 'MarkPickedUp', orderId: 'linus-1', at: '2026-03-08T09:00:00Z' });
    const first = await deliverDue({ outbox, sender, now: afterAllDue, random: noJitter });
    expect(first.withdrawn).toEqual([
      { id: 'pickup-nudge:linus-1', reason: 'withdrawn: order linus-1 was collected or refunded' },
    ]);
    expect(first.retried.map((retry) => retry.id)).toEqual(['review-ask:ada-1']);
    // Ada's mug is refunded before the review ask is tried again.
    await ledger.execute({
      type: 'RefundOrder',
      orderId: 'ada-1',
      at: '2026-03-09T00:00:30Z',
      refundId: 'r1',
      reason: 'changed_mind',
      lines: [{ lineId: 'l1', quantity: 1, restock: 'none' }],
    });
    const second = await deliverDue({
      outbox,
      sender,
      now: new Date(afterAllDue.getTime() + minute),
      random: noJitter,
    });
    expect(second.withdrawn.map((withdrawal) => withdrawal.id)).toEqual(['review-ask:ada-1']);
    expect(receiver.received.map((request) => request.id).sort()).toEqual([
      'reorder-nudge:grace-1:COFFEE',
      'review-ask:ada-1',
    ]);
    expect(await deliveries.record('review-ask:ada-1')).toMatchObject({
      state: 'withdrawn',
      attempts: 2,
      lastError: 'withdrawn: order ada-1 was refunded, returned or claimed',
    });
  });

  it('gives up after the last attempt the schedule allows, keeping the last error', async () => {
    const { sender } = await receiving(() => ({ status: 500 }));
    await fresh.opened.outbox.enqueueDue(afterAllDue);
    const retry = { maxAttempts: 2 };
    await deliverDue({ outbox: fresh.opened.outbox, sender, now: afterAllDue, random: noJitter, retry });
    const last = await deliverDue({
      outbox: fresh.opened.outbox,
      sender,
      now: new Date(afterAllDue.getTime() + minute),
      random: noJitter,
      retry,
    });
    expect(last.failed).toHaveLength(3);
    expect(last.failed[0]?.error).toMatch(/^gave up after 2 attempts: webhook .* answered 500/);
  });
});

import { describe, expect, it } from 'vitest';
import type { DeliveryReport } from './deliver-due';
import { OutboxWorker } from './outbox-worker';
import { availableKinds, freshOutboxEach } from './testing/fresh-outbox';
import { shopHistory } from './testing/shop-history';
import { startWebhookReceiver } from './testing/webhook-receiver';
import { WebhookSender } from './webhook-sender';

const secret = 'a shared secret';
const kinds = await availableKinds(['memory']);

describe.each(kinds)('OutboxWorker (%s)', (kind) => {
  const fresh = freshOutboxEach(kind);

  it('writes and sends each follow-up as business time reaches it, waiting between rounds with nothing to do', async () => {
    await shopHistory(fresh.opened.store);
    const receiver = await startWebhookReceiver(secret);
    fresh.closeAfter(() => receiver.close());
    // The business clock starts on Tuesday 3 March and moves on a day each time the worker waits.
    let now = new Date('2026-03-03T00:00:00Z');
    const waits: string[] = [];
    const reports: DeliveryReport[] = [];
    const stop = new AbortController();
    const worker = new OutboxWorker({
      outbox: fresh.opened.outbox,
      sender: new WebhookSender({ url: receiver.url, secret, shopName: 'Harbour Mugs' }),
      clock: () => now,
      sleep: async (ms) => {
        waits.push(now.toISOString().slice(0, 10));
        now = new Date(now.getTime() + 24 * 60 * 60 * 1000);
        if (now > new Date('2026-03-10T00:00:00Z')) stop.abort();
        expect(ms).toBe(5000);
      },
      onReport: (report) => reports.push(report),
    });
    await worker.run(stop.signal);
    // Review ask on 4 March (sent on the 5th's round), reorder nudge on the 8th, pickup nudge on the 6th.
    expect(reports.map((report) => [...report.sent])).toEqual([
      ['review-ask:ada-1'],
      ['pickup-nudge:linus-1'],
      ['reorder-nudge:grace-1:COFFEE'],
    ]);
    expect(receiver.received.map((request) => request.id)).toEqual([
      'review-ask:ada-1',
      'pickup-nudge:linus-1',
      'reorder-nudge:grace-1:COFFEE',
    ]);
    expect(waits).toHaveLength(8);
  });

  it('goes on after a failed round, telling onError', async () => {
    const errors: unknown[] = [];
    const stop = new AbortController();
    const worker = new OutboxWorker({
      outbox: fresh.opened.outbox,
      sender: { send: async () => undefined },
      clock: () => new Date(Number.NaN),
      sleep: async () => stop.abort(),
      onError: (error) => errors.push(error),
    });
    await worker.run(stop.signal);
    expect(errors).toMatchObject([{ message: 'outbox enqueueDue: asOf is not a valid date' }]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { shopHistory } from '../testing/shop-history';
import { startSmtpReceiver } from '../testing/smtp-receiver';
import { startWebhookReceiver } from '../testing/webhook-receiver';
import { startShopOutbox } from './wire-an-outbox';

const closing: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the wiring sample', () => {
  it('tells the back office and mails the buyer each follow-up due, once', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'outbox-sample-'));
    closing.push(() => rmSync(folder, { recursive: true, force: true }));
    const store = SqliteEventStore.open(join(folder, 'shop.db'));
    closing.push(() => store.close());
    await shopHistory(store);
    const webhooks = await startWebhookReceiver('sample secret');
    closing.push(() => webhooks.close());
    const mails = await startSmtpReceiver();
    closing.push(() => mails.close());

    const stop = new AbortController();
    const { running } = startShopOutbox(
      store,
      {
        smtpUrl: `smtp://127.0.0.1:${mails.port}/?ignoreTLS=true`,
        webhookUrl: webhooks.url,
        webhookSecret: 'sample secret',
        emailOf: async (customerId) => `${customerId}@example.com`,
        // Friday 6 March, noon: Ada's review ask (due the day after delivery) and Linus's pickup nudge are due.
        clock: () => new Date('2026-03-06T12:00:00Z'),
      },
      stop.signal,
    );
    await until(() => mails.received.length >= 2);
    stop.abort();
    await running;
    expect(webhooks.received).toHaveLength(2);
    expect(mails.received).toHaveLength(2);
    expect(webhooks.accepted.sort()).toEqual(['pickup-nudge:linus-1', 'review-ask:ada-1']);
    expect(mails.accepted.sort()).toEqual(['pickup-nudge:linus-1', 'review-ask:ada-1']);
    const review = mails.received.find((mail) => mail.id === 'review-ask:ada-1');
    expect(review?.raw).toContain('Subject: A minute for Harbour Mugs?');
  });
});

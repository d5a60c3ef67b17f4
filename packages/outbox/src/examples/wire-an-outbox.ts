/**
 * How an app wires the outbox: the sample the README and docs/outbox.md show, compiled by the
 * typecheck and run by `wire-an-outbox.test.ts`. The shop keeps its ledger in SQLite, sends the
 * review ask and the nudges by email, and tells its own back office by webhook as well.
 */
import type { SqliteEventStore } from '@order-ledger/store-sqlite';
import {
  defaultTemplates,
  EmailSender,
  Outbox,
  type OutboxMessage,
  type OutboxSender,
  OutboxWorker,
  SqliteDeliveries,
  WebhookSender,
} from '../index';

export interface ShopOutboxSettings {
  readonly smtpUrl: string;
  readonly webhookUrl: string;
  readonly webhookSecret: string;
  /** The shop's customer records: the ledger knows buyers by id only. */
  readonly emailOf: (customerId: string) => Promise<string | undefined>;
  /** The business clock. Default the system's. */
  readonly clock?: () => Date;
}

/** Sends a message through each sender in turn: a failure of any one retries the whole message. */
function everyOne(...senders: OutboxSender[]): OutboxSender {
  return {
    async send(message: OutboxMessage) {
      for (const sender of senders) await sender.send(message);
    },
  };
}

/** Starts the shop's outbox worker on its ledger; abort the signal to stop it. */
export function startShopOutbox(store: SqliteEventStore, settings: ShopOutboxSettings, signal: AbortSignal) {
  const outbox = new Outbox({
    store,
    deliveries: new SqliteDeliveries(store),
    // The shop's schedule: ask for a review the day after delivery; coffee lasts 10 days a bag.
    schedule: { reviewAfterDays: 1, consumables: { COFFEE: { lifespanDays: 10 } } },
  });
  const shopName = 'Harbour Mugs';
  const email = new EmailSender({
    smtp: settings.smtpUrl,
    from: `"${shopName}" <hello@harbour-mugs.example>`,
    shopName,
    recipient: async (message) => {
      const address = await settings.emailOf(message.customerId);
      return address === undefined ? undefined : { email: address };
    },
    // Any template can be replaced; the rest stay as they are.
    templates: {
      ...defaultTemplates,
      'review-ask': (message, context) => ({
        subject: `A minute for ${context.shopName}?`,
        text: `Your order ${message.orderId} arrived: tell us how it went at https://harbour-mugs.example/review/${message.orderId}\n`,
      }),
    },
  });
  const webhook = new WebhookSender({ url: settings.webhookUrl, secret: settings.webhookSecret, shopName });
  const worker = new OutboxWorker({
    outbox,
    // The back office first: the buyer's mail goes once the shop has been told.
    sender: everyOne(webhook, email),
    pollIntervalMs: 60_000,
    ...(settings.clock === undefined ? {} : { clock: settings.clock }),
    onError: (error) => console.error('outbox:', error),
  });
  const running = worker.run(signal).finally(() => email.close());
  return { outbox, running };
}

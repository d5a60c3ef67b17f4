import type { EventStore } from '@order-ledger/core';
import { deliveriesFor, Outbox, type OutboxMessage, type OutboxSender, OutboxWorker } from '@order-ledger/outbox';
import type { ShopSettings } from './shop-settings';
import type { TrackingTokens } from './tracking-tokens';

export interface BuyerNotesOptions {
  /** The shop's store: the notes are kept in its read-model tables, beside the follow-ups. */
  readonly store: EventStore;
  /** Where each note goes: a `WebhookSender` or `EmailSender` given `trackingUrl: trackingLinks(…)`. */
  readonly sender: OutboxSender;
  /** The business clock the API runs on. Default the wall clock. */
  readonly clock?: () => Date;
  /** The SKUs reorder nudges are for, as the API's `consumables`. */
  readonly consumables?: ShopSettings['consumables'];
  /** How long an idle worker waits. Default 5 seconds. */
  readonly pollIntervalMs?: number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * The shop's outbox worker: the buyer's follow-ups and a buyer note at each change the buyer can
 * see, written once under their ids and delivered at least once through `sender`. Any number may
 * run beside the API, in its process or others: their claims never overlap.
 */
export async function buyerNotesWorker(options: BuyerNotesOptions): Promise<OutboxWorker> {
  const { store, sender } = options;
  const outbox = new Outbox({
    store,
    deliveries: await deliveriesFor(store),
    buyerNotes: true,
    ...(options.consumables === undefined ? {} : { schedule: { consumables: options.consumables } }),
  });
  return new OutboxWorker({
    outbox,
    sender,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  });
}

/** The tracking page of a message's order, on the API at `publicUrl`: for a sender's `trackingUrl`. */
export function trackingLinks(tokens: TrackingTokens, publicUrl: string | URL): (message: OutboxMessage) => string {
  return (message) => new URL(tokens.pathFor(message.orderId), publicUrl).toString();
}

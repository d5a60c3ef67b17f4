import type { OutboxMessage } from './message';
import { defaultTemplates, type MessageTemplates, type WordedMessage, wordMessage } from './templates';

/** How a sender words a message for the buyer. */
export interface WordingOptions {
  readonly shopName: string;
  /** Default `defaultTemplates`. */
  readonly templates?: MessageTemplates;
  /** The buyer's and product's names, when the app knows them (the ledger keeps only ids). */
  readonly names?: (message: OutboxMessage) => Promise<{ readonly buyerName?: string; readonly productName?: string }>;
  /** The buyer's tracking page for the message's order, when the app serves one (the shop API's `/track`). */
  readonly trackingUrl?: (message: OutboxMessage) => string | undefined;
}

export async function worded(options: WordingOptions, message: OutboxMessage): Promise<WordedMessage> {
  const names = (await options.names?.(message)) ?? {};
  const trackingUrl = options.trackingUrl?.(message);
  return wordMessage(options.templates ?? defaultTemplates, message, {
    shopName: options.shopName,
    ...names,
    ...(trackingUrl === undefined ? {} : { trackingUrl }),
  });
}

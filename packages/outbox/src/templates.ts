import { buyerNoteTemplate } from './buyer-note-template';
import type { OutboxMessage, OutboxMessageKind } from './message';
import { day, greeting } from './template-words';

/** A message in the buyer's words. */
export interface WordedMessage {
  readonly subject: string;
  readonly text: string;
}

/** What a template may know besides the message: the shop's name, the buyer's, the product's. */
export interface TemplateContext {
  readonly shopName: string;
  readonly buyerName?: string;
  /** The product's name for a reorder nudge's SKU, when the app knows it. */
  readonly productName?: string;
  /** The buyer's tracking page for the message's order, when the app serves one. */
  readonly trackingUrl?: string;
}

export type MessageTemplate<K extends OutboxMessageKind = OutboxMessageKind> = (
  message: Extract<OutboxMessage, { readonly kind: K }>,
  context: TemplateContext,
) => WordedMessage;

/** One template per kind. An app replaces any of them: `{ ...defaultTemplates, 'review-ask': mine }`. */
export type MessageTemplates = { readonly [K in OutboxMessageKind]: MessageTemplate<K> };

export const defaultTemplates: MessageTemplates = {
  'buyer-note': buyerNoteTemplate,
  'review-ask': (message, context) => ({
    subject: `How is your order ${message.orderId}?`,
    text: `${greeting(context)}\n\nYour order ${message.orderId} from ${context.shopName} is with you now. If you have a minute, tell us how it went: a short review helps other buyers, and it helps us.\n\nThank you,\n${context.shopName}\n`,
  }),
  'reorder-nudge': (message, context) => {
    const product = context.productName ?? message.sku;
    return {
      subject: `Running low on ${product}?`,
      text: `${greeting(context)}\n\nBy our count the ${product} from your order ${message.orderId} runs out around ${day(message.runOutAt)}. If you would like more before then, reply or order again and we will have it ready.\n\n${context.shopName}\n`,
    };
  },
  'pickup-nudge': (message, context) => ({
    subject: `Your order ${message.orderId} is waiting for you`,
    text: `${greeting(context)}\n\nYour order ${message.orderId} has been ready for pickup at ${context.shopName} for a few days now. We are keeping it for you: come by when it suits you, or reply if something changed.\n\n${context.shopName}\n`,
  }),
};

/** The message in the buyer's words, through the template for its kind. */
export function wordMessage(
  templates: MessageTemplates,
  message: OutboxMessage,
  context: TemplateContext,
): WordedMessage {
  // Each kind has its template; the record's type cannot say that the key and the message agree.
  const template = templates[message.kind] as MessageTemplate;
  return template(message, context);
}

import { formatMoney } from '@order-ledger/core';
import type { OutboxMessage } from './message';
import { day, greeting } from './template-words';
import type { TemplateContext, WordedMessage } from './templates';

type BuyerNoteMessage = Extract<OutboxMessage, { readonly kind: 'buyer-note' }>;

/** What changed, as one sentence to the buyer, and a subject line. */
function told(message: BuyerNoteMessage, shopName: string): { subject: string; sentence: string } {
  const { change, orderId } = message;
  switch (change.kind) {
    case 'confirmed':
      return {
        subject: `Thank you: order ${orderId} is confirmed`,
        sentence:
          message.delivery === 'pickup'
            ? `we have your order ${orderId} and will tell you the moment it is ready to collect.`
            : `we have your order ${orderId} and will tell you when it is on its way.`,
      };
    case 'preparing':
      return {
        subject: `We are preparing order ${orderId}`,
        sentence: `we have started preparing your order ${orderId}.`,
      };
    case 'ready-for-pickup':
      return {
        subject: `Order ${orderId} is ready to collect`,
        sentence: `your order ${orderId} is ready to collect${change.pickupLocation === undefined ? ` at ${shopName}` : ` at ${change.pickupLocation}`}.`,
      };
    case 'shipped': {
      const carrier = change.carrier === undefined ? '' : ` with ${change.carrier}`;
      const tracking = change.trackingNumber === undefined ? '' : ` Its tracking number is ${change.trackingNumber}.`;
      return {
        subject: `Order ${orderId} is on its way`,
        sentence: `your order ${orderId} left us${carrier} on ${day(change.at)}.${tracking}`,
      };
    }
    case 'delivered':
      return {
        subject: `Order ${orderId} was delivered`,
        sentence: `your order ${orderId} was delivered on ${day(change.at)}.`,
      };
    case 'picked-up':
      return {
        subject: `You collected order ${orderId}`,
        sentence: `you collected your order ${orderId} on ${day(change.at)}. Thank you for coming by.`,
      };
    case 'refunded':
      return {
        subject: `A refund of ${formatMoney(change.amount)} for order ${orderId}`,
        sentence: `we refunded ${formatMoney(change.amount)} for your order ${orderId}. Your bank may take a few days to show it.`,
      };
    case 'cancelled':
      return {
        subject: `Order ${orderId} was cancelled`,
        sentence: `your order ${orderId} was cancelled. Any money you paid comes back to you.`,
      };
  }
}

/** The default wording of a buyer note: what changed, and where to follow the order. */
export function buyerNoteTemplate(message: BuyerNoteMessage, context: TemplateContext): WordedMessage {
  const { subject, sentence } = told(message, context.shopName);
  const follow = context.trackingUrl === undefined ? '' : `\n\nFollow your order here: ${context.trackingUrl}`;
  return {
    subject,
    text: `${greeting(context)}\n\n${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${follow}\n\n${context.shopName}\n`,
  };
}

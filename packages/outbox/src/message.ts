import type { BuyerNote, FollowUp } from '@order-ledger/follow-ups';

/**
 * What is written to a buyer: the follow-ups (the staff's pickup decision stays on the follow-ups
 * list) and a note at each change the buyer can see.
 */
export type BuyerFollowUp = Exclude<FollowUp, { readonly kind: 'pickup-decision' }> | BuyerNote;

export type OutboxMessageKind = BuyerFollowUp['kind'];

/** One message of the outbox: a buyer's follow-up under its stable id. */
export type OutboxMessage = BuyerFollowUp & {
  /** Stable across runs and processes: the receiver's idempotency key. */
  readonly id: string;
};

export const outboxMessageKinds: readonly OutboxMessageKind[] = [
  'review-ask',
  'reorder-nudge',
  'pickup-nudge',
  'buyer-note',
];

export function isBuyerFollowUp(
  followUp: FollowUp,
): followUp is Exclude<FollowUp, { readonly kind: 'pickup-decision' }> {
  return followUp.kind !== 'pickup-decision';
}

/**
 * The id a follow-up is sent under: what makes it one message, never its due date. A reorder
 * nudge's date moves as the SKU's learned rhythm moves; its order and SKU do not, so a nudge
 * already written is never written again under a new date. A later order holding the SKU starts a
 * new cycle, and so a new nudge. A buyer note is named by its order and the change, a refund by its
 * number within the order: each status is told once, each refund once.
 */
export function messageId(followUp: BuyerFollowUp): string {
  switch (followUp.kind) {
    case 'review-ask':
      return `review-ask:${followUp.orderId}`;
    case 'pickup-nudge':
      return `pickup-nudge:${followUp.orderId}`;
    case 'reorder-nudge':
      return `reorder-nudge:${followUp.orderId}:${followUp.sku}`;
    case 'buyer-note': {
      const { change } = followUp;
      const what = change.kind === 'refunded' ? `refund:${change.refund}` : change.kind;
      return `buyer-note:${followUp.orderId}:${what}`;
    }
  }
}

export function messageOf(followUp: BuyerFollowUp): OutboxMessage {
  return { ...followUp, id: messageId(followUp) };
}

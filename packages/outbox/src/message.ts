import type { FollowUp } from '@order-ledger/follow-ups';

/** The follow-ups written to a buyer; the staff's pickup decision stays on the follow-ups list. */
export type BuyerFollowUp = Exclude<FollowUp, { readonly kind: 'pickup-decision' }>;

export type OutboxMessageKind = BuyerFollowUp['kind'];

/** One message of the outbox: a buyer's follow-up under its stable id. */
export type OutboxMessage = BuyerFollowUp & {
  /** Stable across runs and processes: the receiver's idempotency key. */
  readonly id: string;
};

export const outboxMessageKinds: readonly OutboxMessageKind[] = ['review-ask', 'reorder-nudge', 'pickup-nudge'];

export function isBuyerFollowUp(followUp: FollowUp): followUp is BuyerFollowUp {
  return followUp.kind !== 'pickup-decision';
}

/**
 * The id a follow-up is sent under: what makes it one message, never its due date. A reorder
 * nudge's date moves as the SKU's learned rhythm moves; its order and SKU do not, so a nudge
 * already written is never written again under a new date. A later order holding the SKU starts a
 * new cycle, and so a new nudge.
 */
export function messageId(followUp: BuyerFollowUp): string {
  switch (followUp.kind) {
    case 'review-ask':
      return `review-ask:${followUp.orderId}`;
    case 'pickup-nudge':
      return `pickup-nudge:${followUp.orderId}`;
    case 'reorder-nudge':
      return `reorder-nudge:${followUp.orderId}:${followUp.sku}`;
  }
}

export function messageOf(followUp: BuyerFollowUp): OutboxMessage {
  return { ...followUp, id: messageId(followUp) };
}

import type { OutboxMessage } from './message';

/**
 * Delivers one message somewhere (a webhook, a mailbox). Resolves once the receiver accepted it;
 * throws `PermanentDeliveryError` when it never will, anything else when it may later.
 */
export interface OutboxSender {
  send(message: OutboxMessage): Promise<void>;
}

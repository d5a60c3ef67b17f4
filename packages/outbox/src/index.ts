/**
 * @order-ledger/outbox: follow-ups that get sent. Each buyer's follow-up, once due, is written once
 * under its own id with the outbox's checkpoint; a worker delivers it at least once by webhook or
 * email, retries with backoff, and marks it sent or failed.
 */

export { type DeliverOptions, type DeliveryReport, defaultWorkerName, deliverDue } from './deliver-due';
export type {
  Claim,
  ClaimRequest,
  DeliveryOutcome,
  DeliveryRecord,
  DeliveryState,
  OutboxDeliveries,
} from './deliveries';
export { deliveriesFor } from './deliveries-for';
export { failureText, PermanentDeliveryError, TransientDeliveryError } from './delivery-errors';
export { EmailSender, type EmailSenderOptions, messageIdHeader, type Recipient } from './email-sender';
export { claimable, InMemoryDeliveries } from './memory-deliveries';
export {
  type BuyerFollowUp,
  isBuyerFollowUp,
  messageId,
  messageOf,
  type OutboxMessage,
  type OutboxMessageKind,
  outboxMessageKinds,
} from './message';
export {
  messageRow,
  messagesCollection,
  Outbox,
  type OutboxOptions,
  outboxVersion,
} from './outbox';
export { OutboxWorker, type OutboxWorkerOptions } from './outbox-worker';
export { PostgresDeliveries, type PostgresStoreAccess, postgresOutboxMigrations } from './postgres-deliveries';
export { defaultRetrySchedule, type RetrySchedule, retryDelayMs, retrySchedule } from './retry-schedule';
export type { OutboxSender } from './sender';
export { SqliteDeliveries, sqliteOutboxMigrations } from './sqlite-deliveries';
export {
  defaultTemplates,
  type MessageTemplate,
  type MessageTemplates,
  type TemplateContext,
  type WordedMessage,
  wordMessage,
} from './templates';
export { retryAfterMs, type WebhookBody, WebhookSender, type WebhookSenderOptions } from './webhook-sender';
export { idempotencyHeader, signatureHeader, signBody, verifySignature } from './webhook-signature';
export { type WordingOptions, worded } from './wording';

import type { OutboxMessage } from './message';

/**
 * Where a message stands: `pending` until it is sent or given up on (while a worker holds a claim
 * on it, its lease says so), `sent` once a sender delivered it, `failed` when it never will be,
 * `withdrawn` when the follow-up stopped being one before it was sent (the buyer collected the
 * order the nudge was about, a refund came before the review ask).
 */
export type DeliveryState = 'pending' | 'sent' | 'failed' | 'withdrawn';

/** A message's delivery state, as the app sees it. Times are ISO 8601. */
export interface DeliveryRecord {
  readonly id: string;
  readonly state: DeliveryState;
  /** Attempts begun: a claim counts one, even when its worker died before finishing it. */
  readonly attempts: number;
  /** When a pending message may be tried again. */
  readonly nextAttemptAt: string | null;
  /** Until when the worker holding it may still be sending it. */
  readonly leaseUntil: string | null;
  readonly claimedBy: string | null;
  readonly sentAt: string | null;
  /** Why the last attempt failed; for a failed or withdrawn message, why it will not be sent. */
  readonly lastError: string | null;
}

export interface ClaimRequest {
  /** The worker's clock: messages due and ready by then are claimed. */
  readonly now: Date;
  readonly limit: number;
  /** How long the claim holds: no other worker takes the message before `now + leaseMs`. */
  readonly leaseMs: number;
  /** Names the worker in the records (its host and pid, say). */
  readonly worker: string;
  /** Unique per claim: only its holder records a retry or a failure. */
  readonly token: string;
}

/** A message a worker holds for one attempt. */
export interface Claim {
  readonly message: OutboxMessage;
  /** Which attempt this is, from 1. */
  readonly attempt: number;
  readonly token: string;
}

export type DeliveryOutcome =
  | { readonly kind: 'sent'; readonly at: Date }
  | { readonly kind: 'retry'; readonly at: Date; readonly nextAttemptAt: Date; readonly error: string }
  /** Final: `error` says why (for a withdrawn message, why it is no longer due). */
  | { readonly kind: 'failed' | 'withdrawn'; readonly at: Date; readonly error: string };

/**
 * The delivery state of an outbox's messages, kept in the same database as the messages (one
 * adapter per store). The claim is what keeps two workers from sending one message at once: it is
 * taken under the database's write lock (SQLite) or a transaction-level advisory lock
 * (PostgreSQL), and holds until its lease ends or its holder settles it.
 */
export interface OutboxDeliveries {
  /** The outbox model whose messages it delivers. */
  readonly model: string;
  /**
   * Claims up to `limit` messages due by `now` that are pending, ready (`nextAttemptAt` passed) and
   * not held by a live lease, soonest due first, counting an attempt for each.
   */
  claim(request: ClaimRequest): Promise<Claim[]>;
  /**
   * Records how an attempt ended. `sent` is recorded whoever holds the message now (it was
   * delivered); a retry or a failure only by the claim's holder. Returns whether it was recorded.
   */
  settle(id: string, token: string, outcome: DeliveryOutcome): Promise<boolean>;
  /**
   * Puts a failed message back to pending with its attempts counted from zero, ready at `now`:
   * for after the app mended the cause (the buyer's address, the receiver). Returns whether it was
   * failed.
   */
  resend(id: string, now: Date): Promise<boolean>;
  /** The delivery records, every one or those in `state`, by id. */
  records(filter?: { readonly state?: DeliveryState }): Promise<DeliveryRecord[]>;
  record(id: string): Promise<DeliveryRecord | undefined>;
}

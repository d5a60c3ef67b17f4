import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Claim } from './deliveries';
import { failureText, PermanentDeliveryError, TransientDeliveryError } from './delivery-errors';
import type { Outbox } from './outbox';
import { type RetrySchedule, retryDelayMs, retrySchedule } from './retry-schedule';
import type { OutboxSender } from './sender';

export interface DeliverOptions {
  readonly outbox: Outbox;
  readonly sender: OutboxSender;
  /** The worker's clock. */
  readonly now: Date;
  /** Messages claimed at once, sent side by side. Default 10. */
  readonly limit?: number;
  /**
   * How long a claim holds. Default 2 minutes. It must outlast a send (the senders here give up
   * after 30 seconds): a worker that dies mid-send leaves its messages to others once it ends.
   */
  readonly leaseMs?: number;
  readonly retry?: Partial<RetrySchedule>;
  /** For the jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Names the worker in the delivery records. Default host and pid. */
  readonly worker?: string;
}

export interface DeliveryReport {
  /** Messages this round claimed: 0 when nothing was due. */
  readonly claimed: number;
  readonly sent: readonly string[];
  readonly retried: readonly { readonly id: string; readonly nextAttemptAt: string; readonly error: string }[];
  readonly failed: readonly { readonly id: string; readonly error: string }[];
  /** Messages not sent because they stopped being follow-ups (`Outbox.withdrawn`). */
  readonly withdrawn: readonly { readonly id: string; readonly reason: string }[];
  /** Attempts whose outcome could not be recorded: another worker took the message over meanwhile. */
  readonly superseded: readonly string[];
}

export function defaultWorkerName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Claims the messages due by `now` and sends each once through `sender`: a success is marked
 * sent, a transient failure is retried later on the schedule, a permanent one (or the last
 * attempt) is marked failed with its reason. Delivery is at least once: a worker that dies after
 * sending and before marking leaves the message to be sent again once its lease ends.
 */
export async function deliverDue(options: DeliverOptions): Promise<DeliveryReport> {
  if (Number.isNaN(options.now.getTime())) throw new RangeError('deliverDue: now is not a valid date');
  const schedule = retrySchedule(options.retry);
  const random = options.random ?? Math.random;
  const { deliveries } = options.outbox;
  const claims = await deliveries.claim({
    now: options.now,
    limit: options.limit ?? 10,
    leaseMs: options.leaseMs ?? 120_000,
    worker: options.worker ?? defaultWorkerName(),
    token: randomUUID(),
  });
  const report: {
    claimed: number;
    sent: string[];
    retried: { id: string; nextAttemptAt: string; error: string }[];
    failed: { id: string; error: string }[];
    withdrawn: { id: string; reason: string }[];
    superseded: string[];
  } = { claimed: claims.length, sent: [], retried: [], failed: [], withdrawn: [], superseded: [] };
  // What stopped being a follow-up since it was written is not sent (a nudge to collect an order
  // the buyer has collected).
  const withdrawn = await options.outbox.withdrawn(claims.map((claim) => claim.message));
  await Promise.all(
    claims.map(async (claim) => {
      const why = withdrawn.get(claim.message.id);
      const outcome =
        why === undefined
          ? await attempt(claim, options.sender, options.now, schedule, random)
          : ({ kind: 'withdrawn', at: options.now, error: why } as const);
      const recorded = await deliveries.settle(claim.message.id, claim.token, outcome);
      const { id } = claim.message;
      if (!recorded) report.superseded.push(id);
      else if (outcome.kind === 'sent') report.sent.push(id);
      else if (outcome.kind === 'retry') {
        report.retried.push({ id, nextAttemptAt: outcome.nextAttemptAt.toISOString(), error: outcome.error });
      } else if (outcome.kind === 'withdrawn') report.withdrawn.push({ id, reason: outcome.error });
      else report.failed.push({ id, error: outcome.error });
    }),
  );
  return report;
}

async function attempt(claim: Claim, sender: OutboxSender, now: Date, schedule: RetrySchedule, random: () => number) {
  try {
    await sender.send(claim.message);
    return { kind: 'sent', at: now } as const;
  } catch (error) {
    const reason = failureText(error);
    if (error instanceof PermanentDeliveryError) return { kind: 'failed', at: now, error: reason } as const;
    if (claim.attempt >= schedule.maxAttempts) {
      return { kind: 'failed', at: now, error: `gave up after ${claim.attempt} attempts: ${reason}` } as const;
    }
    const retryAfterMs = error instanceof TransientDeliveryError ? error.retryAfterMs : undefined;
    const delay = retryDelayMs(schedule, claim.attempt, random, retryAfterMs);
    return { kind: 'retry', at: now, nextAttemptAt: new Date(now.getTime() + delay), error: reason } as const;
  }
}

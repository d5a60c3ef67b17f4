import type { DeliveryRecord, DeliveryState } from './deliveries';

/** One row of `outbox_deliveries` as both SQL adapters read it (times as ISO text). */
export interface DeliveryRow {
  readonly message_id: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly lease_until: string | null;
  readonly claimed_by: string | null;
  readonly sent_at: string | null;
  readonly last_error: string | null;
}

export function recordOf(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.message_id,
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    leaseUntil: row.lease_until,
    claimedBy: row.claimed_by,
    sentAt: row.sent_at,
    lastError: row.last_error,
  };
}

/**
 * The claim's rule in SQL, shared by both adapters: a message row of the model, due by now, with no
 * delivery row yet, or a pending one whose next attempt and lease have passed. Parameters: the
 * model as `{model}`, now as `{now}` (ISO text). Times are ISO text in both databases, so they
 * compare as strings.
 */
export function dueMessagesSql(rows: string, deliveries: string, model: string, now: string): string {
  return `SELECT r.key AS id, r.value AS value, COALESCE(d.attempts, 0) AS attempts
    FROM ${rows} r LEFT JOIN ${deliveries} d ON d.model = r.model AND d.message_id = r.key
    WHERE r.model = ${model} AND r.collection = 'messages' AND r.index0 <= ${now}
      AND (d.message_id IS NULL OR (d.state = 'pending'
        AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ${now})
        AND (d.lease_until IS NULL OR d.lease_until <= ${now})))
    ORDER BY r.index0, r.key`;
}

import type { ReadModelTables } from '@order-ledger/core';
import type {
  Claim,
  ClaimRequest,
  DeliveryOutcome,
  DeliveryRecord,
  DeliveryState,
  OutboxDeliveries,
} from './deliveries';
import type { OutboxMessage } from './message';
import { messagesCollection } from './outbox';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether a record lets a worker claim its message at `now` (a missing record: never tried). */
export function claimable(record: DeliveryRecord | undefined, now: string): boolean {
  if (record === undefined) return true;
  if (record.state !== 'pending') return false;
  if (record.nextAttemptAt !== null && record.nextAttemptAt > now) return false;
  return record.leaseUntil === null || record.leaseUntil <= now;
}

/**
 * Delivery state in memory, for a store without tables of its own (or a test): one process only,
 * gone when it ends, so a restart sends again what was not marked before.
 */
export class InMemoryDeliveries implements OutboxDeliveries {
  readonly model: string;
  readonly #tables: ReadModelTables;
  readonly #records = new Map<string, Mutable<DeliveryRecord> & { token: string | null }>();

  constructor(tables: ReadModelTables, model = 'outbox') {
    this.#tables = tables;
    this.model = model;
  }

  async claim(request: ClaimRequest): Promise<Claim[]> {
    const now = request.now.toISOString();
    const rows = await this.#tables.rows(this.model, messagesCollection);
    const due = rows
      .map(([, json]) => JSON.parse(json) as OutboxMessage)
      .filter((message) => message.dueAt <= now && claimable(this.#records.get(message.id), now))
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, request.limit);
    const leaseUntil = new Date(request.now.getTime() + request.leaseMs).toISOString();
    return due.map((message) => {
      const record = this.#records.get(message.id);
      const attempts = (record?.attempts ?? 0) + 1;
      this.#records.set(message.id, {
        id: message.id,
        state: 'pending',
        attempts,
        nextAttemptAt: record?.nextAttemptAt ?? null,
        leaseUntil,
        claimedBy: request.worker,
        sentAt: null,
        lastError: record?.lastError ?? null,
        token: request.token,
      });
      return { message, attempt: attempts, token: request.token };
    });
  }

  async settle(id: string, token: string, outcome: DeliveryOutcome): Promise<boolean> {
    const record = this.#records.get(id);
    if (record === undefined || record.state !== 'pending') return false;
    if (outcome.kind !== 'sent' && record.token !== token) return false;
    record.leaseUntil = null;
    if (outcome.kind === 'sent') {
      record.state = 'sent';
      record.sentAt = outcome.at.toISOString();
    } else if (outcome.kind === 'retry') {
      record.nextAttemptAt = outcome.nextAttemptAt.toISOString();
      record.lastError = outcome.error;
    } else {
      record.state = outcome.kind;
      record.lastError = outcome.error;
    }
    return true;
  }

  async resend(id: string, now: Date): Promise<boolean> {
    const record = this.#records.get(id);
    if (record === undefined || record.state !== 'failed') return false;
    Object.assign(record, { state: 'pending', attempts: 0, nextAttemptAt: now.toISOString(), leaseUntil: null });
    return true;
  }

  async records(filter: { readonly state?: DeliveryState } = {}): Promise<DeliveryRecord[]> {
    return [...this.#records.values()]
      .filter((record) => filter.state === undefined || record.state === filter.state)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map(publicRecord);
  }

  async record(id: string): Promise<DeliveryRecord | undefined> {
    const record = this.#records.get(id);
    return record === undefined ? undefined : publicRecord(record);
  }
}

function publicRecord(record: DeliveryRecord & { token: string | null }): DeliveryRecord {
  const { token: _token, ...rest } = record;
  return rest;
}

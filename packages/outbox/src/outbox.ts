import { CheckpointConflictError, type KeptRowWrite, type ReadModelTables } from '@order-ledger/core';
import { dueFollowUps, type FollowUpsState, type ScheduleOptions } from '@order-ledger/follow-ups';
import type { OutboxDeliveries } from './deliveries';
import { isBuyerFollowUp, messageOf, type OutboxMessage } from './message';

/** The collection of the outbox's model that holds its messages, one row per message id. */
export const messagesCollection = 'messages';

/** Bump when a message row's shape changes. */
export const outboxVersion = 1;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Where the outbox reads what is due: the follow-ups read model, caught up and loaded. A
 * `ProjectionRunner` of `followUps` is one.
 */
export interface FollowUpsSource {
  catchUp(): Promise<number>;
  loadState(): Promise<FollowUpsState>;
  readonly position: number;
}

export interface OutboxOptions {
  /** Where the messages are kept with their checkpoint: the store's `readModels`. */
  readonly tables: ReadModelTables;
  /** Where each message's delivery state is kept: the adapter for the same store. */
  readonly deliveries: OutboxDeliveries;
  readonly followUps: FollowUpsSource;
  /** The shop's schedule settings (review delay, consumables, lead days), as for `dueFollowUps`. */
  readonly schedule?: Omit<ScheduleOptions, 'since' | 'asOf'>;
  /**
   * How far back a run looks for follow-ups that fell due and are not yet written. Default 2 days:
   * an event recorded late or an outbox down for a day still sends its follow-ups; one overdue by
   * more is left unsent (a review ask three weeks late does more harm than none).
   */
  readonly lookbackDays?: number;
  /** The model the messages are kept under. Default `outbox`; the deliveries adapter must name the same. */
  readonly model?: string;
}

/**
 * The outbox: each buyer's follow-up, once it falls due, written once under its own id.
 *
 * The messages are a kept read model of their own: a run reads the follow-ups read model (the one
 * place that says what is due), and writes the messages not yet written together with the outbox's
 * checkpoint, in one transaction on SQLite and PostgreSQL (`ReadModelTables.commit`). Two runs at
 * once are serialised by that checkpoint's compare-and-set: the second one reads again and finds
 * the messages written. Delivery state lives beside it, in `deliveries`.
 */
export class Outbox {
  readonly model: string;
  readonly deliveries: OutboxDeliveries;
  readonly #tables: ReadModelTables;
  readonly #followUps: FollowUpsSource;
  readonly #schedule: Omit<ScheduleOptions, 'since' | 'asOf'>;
  readonly #lookbackMs: number;

  constructor(options: OutboxOptions) {
    this.model = options.model ?? 'outbox';
    if (options.deliveries.model !== this.model) {
      throw new RangeError(
        `the outbox keeps its messages under model "${this.model}" but its deliveries read "${options.deliveries.model}"`,
      );
    }
    const lookbackDays = options.lookbackDays ?? 2;
    if (!(lookbackDays > 0)) throw new RangeError(`outbox lookbackDays must be above 0, got ${lookbackDays}`);
    this.deliveries = options.deliveries;
    this.#tables = options.tables;
    this.#followUps = options.followUps;
    this.#schedule = options.schedule ?? {};
    this.#lookbackMs = lookbackDays * dayMs;
  }

  /**
   * Writes every buyer follow-up due in `(asOf − lookback, asOf]` that is not yet in the outbox, and
   * returns those it wrote. Running it again writes nothing new: a message's id is written once.
   */
  async enqueueDue(asOf: Date): Promise<OutboxMessage[]> {
    if (Number.isNaN(asOf.getTime())) throw new RangeError('outbox enqueueDue: asOf is not a valid date');
    await this.#followUps.catchUp();
    const state = await this.#followUps.loadState();
    const position = this.#followUps.position;
    const since = new Date(asOf.getTime() - this.#lookbackMs);
    const due = dueFollowUps(state, { ...this.#schedule, since, asOf })
      .filter(isBuyerFollowUp)
      .map(messageOf);
    for (let attempt = 1; ; attempt += 1) {
      const saved = await this.#tables.status(this.model);
      const written = await this.#tables.rowsByKey(
        this.model,
        messagesCollection,
        due.map((message) => message.id),
      );
      const known = new Set(written.map(([id]) => id));
      const fresh = due.filter((message) => !known.has(message.id));
      if (fresh.length === 0 && saved?.position === position) return [];
      try {
        await this.#tables.commit(this.model, {
          version: outboxVersion,
          expected: saved?.position ?? null,
          position,
          reset: false,
          writes: fresh.map(messageRow),
          deletes: [],
        });
        return fresh;
      } catch (error) {
        // Another run moved the checkpoint since we read it: read what it wrote, and try again.
        if (!(error instanceof CheckpointConflictError) || attempt >= 5) throw error;
      }
    }
  }

  /** The messages written so far, by id (every one, sent or not). */
  async messages(): Promise<OutboxMessage[]> {
    const rows = await this.#tables.rows(this.model, messagesCollection);
    return rows.map(([, json]) => JSON.parse(json) as OutboxMessage);
  }

  /** One message, or undefined when it was never written. */
  async message(id: string): Promise<OutboxMessage | undefined> {
    const json = await this.#tables.row(this.model, messagesCollection, id);
    return json === undefined ? undefined : (JSON.parse(json) as OutboxMessage);
  }
}

/**
 * A message as a kept row. Its first index is its due moment (ISO text sorts as time does): the
 * SQL deliveries adapters select the due messages by it. The row holds only what the follow-up
 * says, so two runs writing one message write the same bytes.
 */
export function messageRow(message: OutboxMessage): KeptRowWrite {
  return {
    collection: messagesCollection,
    key: message.id,
    json: JSON.stringify(message),
    indexes: [message.dueAt, message.kind, message.customerId],
  };
}

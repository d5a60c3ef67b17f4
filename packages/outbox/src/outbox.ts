import {
  CheckpointConflictError,
  type EventStore,
  type KeptRowWrite,
  ProjectionRunner,
  type ReadModelTables,
} from '@order-ledger/core';
import {
  dueBuyerNotes,
  dueFollowUps,
  type FollowUpsState,
  followUps,
  type ScheduleOptions,
} from '@order-ledger/follow-ups';
import type { OutboxDeliveries } from './deliveries';
import { type BuyerFollowUp, isBuyerFollowUp, messageOf, type OutboxMessage } from './message';

/** The collection of the outbox's model that holds its messages, one row per message id. */
export const messagesCollection = 'messages';

/** Bump when a message row's shape changes. */
export const outboxVersion = 1;

const dayMs = 24 * 60 * 60 * 1000;

/** The latest moment a Date holds: every follow-up ever scheduled is due by then. */
const endOfTime = new Date(8.64e15);

/** Why the schedule no longer holds `message`, as far as the follow-ups state tells. */
function withdrawnWhy(state: FollowUpsState, message: OutboxMessage): string {
  const order = state.orders.get(message.orderId);
  if (order === undefined) return `order ${message.orderId} is not in the history`;
  if (order.cancelled) return `order ${message.orderId} was cancelled`;
  if (message.kind === 'review-ask') return `order ${message.orderId} was refunded, returned or claimed`;
  if (message.kind === 'pickup-nudge') return `order ${message.orderId} was collected or refunded`;
  if (message.kind === 'buyer-note') return `order ${message.orderId} no longer shows this change`;
  return `no nudge for ${message.sku} counts from order ${message.orderId} any more (a later order, a refund, or the shop's consumables changed)`;
}

/**
 * Every message due in `(since, asOf]`: the buyer follow-ups the schedule says are due, and a note
 * for each buyer-visible change made then. Both come from the one follow-ups read model, so both
 * are written with the one checkpoint.
 */
function dueMessages(
  state: FollowUpsState,
  settings: { readonly schedule: Omit<ScheduleOptions, 'since' | 'asOf'>; readonly buyerNotes: boolean },
  window: { readonly since?: Date; readonly asOf: Date },
): OutboxMessage[] {
  const due: BuyerFollowUp[] = dueFollowUps(state, { ...settings.schedule, ...window }).filter(isBuyerFollowUp);
  if (settings.buyerNotes) due.push(...dueBuyerNotes(state, window));
  return due.map(messageOf);
}

/** How often a run tries again when another process moved a checkpoint it was about to save. */
const conflictAttempts = 5;

export interface OutboxOptions {
  /** The ledger whose follow-ups are sent. */
  readonly store: EventStore;
  /**
   * Where the messages are kept with their checkpoint. Default the store's `readModels`; on a
   * store without them (EventStoreDB) a SQLite or PostgreSQL store's.
   */
  readonly tables?: ReadModelTables;
  /** Where each message's delivery state is kept: the adapter for the tables' database. */
  readonly deliveries: OutboxDeliveries;
  /** The shop's schedule settings (review delay, consumables, lead days), as for `dueFollowUps`. */
  readonly schedule?: Omit<ScheduleOptions, 'since' | 'asOf'>;
  /**
   * How far back a run looks for follow-ups that fell due and are not yet written. Default 2 days:
   * an event recorded late or an outbox down for a day still sends its follow-ups; one overdue by
   * more is left unsent (a review ask three weeks late does more harm than none).
   */
  readonly lookbackDays?: number;
  /**
   * Also write a buyer note at each change the buyer can see (confirmed, preparing, shipped, ready
   * for pickup, delivered, picked up, refunded, cancelled), under `buyer-note:<orderId>:<change>`.
   * Default false: an outbox switched on for follow-ups alone does not start writing to every buyer.
   */
  readonly buyerNotes?: boolean;
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
  readonly #store: EventStore;
  readonly #tables: ReadModelTables;
  #followUps: ProjectionRunner<FollowUpsState>;
  readonly #settings: { readonly schedule: Omit<ScheduleOptions, 'since' | 'asOf'>; readonly buyerNotes: boolean };
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
    const tables = options.tables ?? options.store.readModels;
    if (tables === undefined) {
      throw new TypeError(
        "the outbox needs read-model tables: this store has none, so pass another store's as `tables`",
      );
    }
    this.deliveries = options.deliveries;
    this.#store = options.store;
    this.#tables = tables;
    this.#followUps = this.#followUpsRunner();
    this.#settings = { schedule: options.schedule ?? {}, buyerNotes: options.buyerNotes ?? false };
    this.#lookbackMs = lookbackDays * dayMs;
  }

  /**
   * Writes every buyer follow-up due in `(asOf − lookback, asOf]` that is not yet in the outbox, and
   * returns those it wrote. Running it again writes nothing new: a message's id is written once.
   */
  async enqueueDue(asOf: Date): Promise<OutboxMessage[]> {
    if (Number.isNaN(asOf.getTime())) throw new RangeError('outbox enqueueDue: asOf is not a valid date');
    const state = await this.#dueSchedule();
    const position = this.#followUps.position;
    const since = new Date(asOf.getTime() - this.#lookbackMs);
    const due = dueMessages(state, this.#settings, { since, asOf });
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
        if (!(error instanceof CheckpointConflictError) || attempt >= conflictAttempts) throw error;
      }
    }
  }

  /**
   * The follow-ups as of the head of the store. The outbox keeps its own copy of the follow-ups
   * read model (`<model>:follow-ups`), so that it never races the app's own runner of it; workers
   * in other processes share that copy, and when one of them saved it first this one starts again
   * from what it saved.
   */
  async #dueSchedule(): Promise<FollowUpsState> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.#followUps.catchUp();
        return await this.#followUps.loadState();
      } catch (error) {
        if (!(error instanceof CheckpointConflictError) || attempt >= conflictAttempts) throw error;
        this.#followUps = this.#followUpsRunner();
      }
    }
  }

  #followUpsRunner(): ProjectionRunner<FollowUpsState> {
    return new ProjectionRunner(
      this.#store,
      { ...followUps, name: `${this.model}:follow-ups` },
      { readModels: this.#tables },
    );
  }

  /**
   * Of `messages`, those whose follow-up the schedule no longer holds at any date, with why: the
   * order was cancelled, the buyer has the order the pickup nudge was about, a refund, return or
   * claim came before the review ask, a later order restarted the reorder cycle. A follow-up that
   * only moved later (a reorder rhythm learned anew) still stands.
   */
  async withdrawn(messages: readonly OutboxMessage[]): Promise<Map<string, string>> {
    if (messages.length === 0) return new Map();
    const state = await this.#dueSchedule();
    // A buyer note stands once written: the change happened, whatever came after it.
    const scheduled = new Set(dueMessages(state, this.#settings, { asOf: endOfTime }).map((message) => message.id));
    const gone = new Map<string, string>();
    for (const message of messages) {
      if (!scheduled.has(message.id)) gone.set(message.id, `withdrawn: ${withdrawnWhy(state, message)}`);
    }
    return gone;
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

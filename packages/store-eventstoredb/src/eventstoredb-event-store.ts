import { setTimeout as delay } from 'node:timers/promises';
import {
  type AppendResult,
  assertReadStream,
  type CheckedEvent,
  type CheckpointStore,
  ConcurrencyError,
  checkAppend,
  DuplicateEventIdError,
  type EventCatalogue,
  type EventStore,
  EventValidationError,
  type ExpectedRevision,
  type FollowMessage,
  type FollowOptions,
  type GlobalPosition,
  type LedgerEvent,
  ledgerCatalogue,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ReadValidation,
  type RecordedEvent,
  type StoreCapabilities,
  StoreClosedError,
  type StreamWrite,
  UnsupportedOperationError,
} from '@order-ledger/core';
import { checkpointStreams } from './checkpoint-streams';
import { DbClientDriver } from './db-client-driver';
import {
  type EsdbDriver,
  EsdbDriverError,
  type EsdbEventRead,
  type EsdbExpectedRevision,
  type EsdbSubscription,
  isTransient,
} from './driver';
import { fromEsdbEvent, toEsdbEvent } from './envelope';
import { StoreUnavailableError, StreamDeletedError } from './errors';
import { esdbEventId } from './event-ids';
import { toEsdbPosition, toGlobalPosition, toRevision } from './positions';

export interface ResubscribeOptions {
  /** The first pause after a dropped subscription, in ms. Default 100. */
  readonly initialDelayMs?: number;
  /** The longest pause, in ms; each failed attempt doubles it up to this. Default 5000. */
  readonly maxDelayMs?: number;
  /** Give up (with `StoreUnavailableError`) after this many failed attempts in a row. Default: never. */
  readonly maxAttempts?: number;
}

export interface EventStoreDbEventStoreOptions {
  /** The catalogue appends are validated against. Default: the ledger's. */
  readonly catalogue?: EventCatalogue<LedgerEvent>;
  /** How much reads trust the database. Default `type` (see `ReadValidation`). */
  readonly readValidation?: ReadValidation;
  /** Events per request when reading `$all`. Default 1000. */
  readonly pageSize?: number;
  /** How a follower comes back after the connection drops. */
  readonly resubscribe?: ResubscribeOptions;
  /** Where projection checkpoints live: one stream per projection. Default `order-ledger-checkpoint-`. */
  readonly checkpointStreamPrefix?: string;
  /**
   * A prefix for every stream this store writes and reads (`shop-a/` makes `order-o1` the server's
   * `shop-a/order-o1`). Streams outside it are not read as the ledger's: several ledgers, or a
   * ledger and other applications, can share one database. Default: none.
   */
  readonly namespace?: string;
}

/**
 * The ledger on EventStoreDB (KurrentDB), for shops that outgrow one machine. Streams are
 * EventStoreDB streams, revisions are theirs (from 0), the global order is `$all`'s, and
 * positions are commit positions (see `positions.ts`). What EventStoreDB cannot do, the
 * capabilities say: no append across streams in one transaction (the ledger reserves stock first
 * and compensates instead, docs/architecture.md), and event ids are recognised per stream only.
 *
 * Everything the store reads passes through one filter: streams and types starting with `$`
 * (the server's own), the checkpoint streams, and (with a `namespace`) every stream outside it are
 * not the ledger's events. Without a namespace, any other stream in the database is read as ours.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly capabilities: StoreCapabilities = { atomicMultiStreamAppend: false, uniqueEventIds: false };
  readonly checkpoints: CheckpointStore;
  readonly #driver: EsdbDriver;
  readonly #catalogue: EventCatalogue<LedgerEvent>;
  readonly #readValidation: ReadValidation;
  readonly #pageSize: number;
  readonly #resubscribe: Required<ResubscribeOptions>;
  readonly #checkpointPrefix: string;
  readonly #namespace: string;
  /** The server-side filter for followers: not `$…`, not a checkpoint stream. */
  readonly #ourStreams: string;
  readonly #subscriptions = new Set<EsdbSubscription>();
  #closed = false;

  /**
   * Connects with an EventStoreDB connection string, e.g. `esdb://localhost:2113?tls=false` or
   * `esdb+discover://node1:2113,node2:2113` for a cluster.
   */
  static connect(connectionString: string, options: EventStoreDbEventStoreOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(new DbClientDriver(connectionString), options);
  }

  /** A store on any driver: `connect` uses the one on `@eventstore/db-client`. */
  constructor(driver: EsdbDriver, options: EventStoreDbEventStoreOptions = {}) {
    this.#driver = driver;
    this.#catalogue = options.catalogue ?? ledgerCatalogue;
    this.#readValidation = options.readValidation ?? 'type';
    this.#pageSize = Math.max(2, options.pageSize ?? 1000);
    this.#resubscribe = {
      initialDelayMs: options.resubscribe?.initialDelayMs ?? 100,
      maxDelayMs: options.resubscribe?.maxDelayMs ?? 5000,
      maxAttempts: options.resubscribe?.maxAttempts ?? Number.POSITIVE_INFINITY,
    };
    this.#checkpointPrefix = options.checkpointStreamPrefix ?? 'order-ledger-checkpoint-';
    this.#namespace = options.namespace ?? '';
    this.#ourStreams = `^${escapeRegex(this.#namespace)}(?!\\$|${escapeRegex(this.#checkpointPrefix)})`;
    this.checkpoints = checkpointStreams(driver, this.#namespace + this.#checkpointPrefix);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.#assertOpen();
    const expected = options.expectedRevision ?? 'any';
    // What was checked is what is sent: the parsed data and the copied metadata.
    const proposed = (await this.#checked(streamId, events, expected)).map(toEsdbEvent);
    try {
      const result = await this.#driver.append(this.#onServer(streamId), proposed, toEsdbExpected(expected));
      return {
        streamId,
        nextExpectedRevision: toRevision(result.nextExpectedRevision, `append to ${streamId}`),
        position: toGlobalPosition(result.position, `append to ${streamId}`),
      };
    } catch (error) {
      if (error instanceof EsdbDriverError && error.kind === 'wrong-expected-version') {
        throw await this.#refusal(streamId, events, expected, error.current);
      }
      throw this.#translate(error, streamId);
    }
  }

  /**
   * The append's events as they must be sent, checked before anything is: a malformed append or
   * an invalid event is refused. The error names the
   * revision the bad event would have had; when the append does not say where the stream is, that
   * takes one read, made only when something is wrong.
   */
  async #checked(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<CheckedEvent[]> {
    const firstGuess = typeof expected === 'number' ? expected + 1 : 0;
    try {
      return checkAppend(streamId, events, expected, this.#catalogue, firstGuess);
    } catch (error) {
      if (!(error instanceof EventValidationError) || typeof expected === 'number' || expected === 'no_stream')
        throw error;
      const last = await this.#call(streamId, () =>
        this.#driver.readStream(this.#onServer(streamId), { fromRevision: 'end', maxCount: 1, backwards: true }),
      );
      const next = last === 'not-found' || last[0] === undefined ? 0 : toRevision(last[0].revision, streamId) + 1;
      checkAppend(streamId, events, expected, this.#catalogue, next);
      throw error;
    }
  }

  /** EventStoreDB writes one stream per transaction: the ledger reserves and compensates instead. */
  async appendToStreams(_writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    throw new UnsupportedOperationError('EventStoreDB has no append across streams in one transaction');
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    assertReadStream(streamId, options);
    const read = await this.#call(streamId, () =>
      this.#driver.readStream(this.#onServer(streamId), {
        fromRevision: BigInt(options.fromRevision ?? 0),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      }),
    );
    if (read === 'not-found') {
      // A stream deleted softly reads exactly like one never written; its metadata tells them apart.
      const metadata = await this.#call(streamId, () => this.#driver.streamMetadata(this.#onServer(streamId)));
      if (metadata?.truncateBefore !== undefined) throw new StreamDeletedError(streamId, 'deleted');
      return [];
    }
    return read.map((event) => this.#recorded(event));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen();
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      // The server reads `$all` from a position inclusively: the page starts with the last event
      // of the one before, which is skipped.
      let read = 0;
      const page = this.#driver.readAll({
        from: after === 0 ? 'start' : toEsdbPosition(after),
        maxCount: this.#pageSize,
      });
      try {
        for await (const event of page) {
          read += 1;
          const position = toGlobalPosition(event.position, `$all at ${event.streamId}@${event.revision}`);
          if (position <= after) continue;
          after = position;
          if (!this.#isOurs(event)) continue;
          yield this.#recorded(event, position);
          remaining -= 1;
          if (remaining <= 0) return;
        }
      } catch (error) {
        throw this.#translate(error);
      }
      if (read < this.#pageSize) return;
    }
  }

  async *follow(options: FollowOptions = {}): AsyncIterable<FollowMessage> {
    const { signal } = options;
    let cursor = options.after ?? 0;
    let failures = 0;
    while (!signal?.aborted && !this.#closed) {
      const subscription = this.#driver.subscribeToAll({
        after: cursor === 0 ? 'start' : toEsdbPosition(cursor),
        streamNameRegex: this.#ourStreams,
      });
      this.#subscriptions.add(subscription);
      const stop = (): void => void subscription.close();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        for await (const message of subscription) {
          failures = 0;
          if (message.kind === 'caught-up') {
            yield { kind: 'caught-up', position: cursor };
            continue;
          }
          const position = toGlobalPosition(message.event.position, `$all at ${message.event.streamId}`);
          // Delivery is at least once: anything at or before the cursor was handed on already.
          if (position <= cursor || !this.#isOurs(message.event)) continue;
          yield { kind: 'event', event: this.#recorded(message.event, position) };
          cursor = position;
          if (signal?.aborted) return;
        }
      } catch (error) {
        if (signal?.aborted || this.#closed) return;
        if (!isTransient(error)) throw this.#translate(error);
        failures += 1;
        if (failures > this.#resubscribe.maxAttempts) {
          throw new StoreUnavailableError(`following $all: gave up after ${failures - 1} attempts to resubscribe`, {
            cause: error,
          });
        }
      } finally {
        signal?.removeEventListener('abort', stop);
        this.#subscriptions.delete(subscription);
        await subscription.close();
      }
      if (signal?.aborted || this.#closed) return;
      // A subscription that ended or broke resumes from the cursor, after a pause that grows.
      const pause = Math.min(
        this.#resubscribe.maxDelayMs,
        this.#resubscribe.initialDelayMs * 2 ** Math.max(0, failures - 1),
      );
      // An abort ends the pause early (the timer rejects); the loop then sees the signal and stops.
      await delay(pause, undefined, signal === undefined ? {} : { signal }).catch(() => undefined);
    }
  }

  /** Deletes a stream softly: reads then fail with `StreamDeletedError`; appending starts it again. */
  async deleteStream(streamId: string): Promise<void> {
    this.#assertOpen();
    await this.#call(streamId, () => this.#driver.deleteStream(this.#onServer(streamId)));
  }

  /** Deletes a stream for good: it can never be read or written again. */
  async tombstoneStream(streamId: string): Promise<void> {
    this.#assertOpen();
    await this.#call(streamId, () => this.#driver.tombstoneStream(this.#onServer(streamId)));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    await this.#driver.dispose();
  }

  #recorded(event: EsdbEventRead, position?: GlobalPosition): RecordedEvent {
    const at = position ?? toGlobalPosition(event.position, `stream ${event.streamId}@${event.revision}`);
    const local = this.#namespace === '' ? event : { ...event, streamId: this.#local(event.streamId) };
    return fromEsdbEvent(local, at, this.#catalogue, this.#readValidation);
  }

  /** The server's name for one of our streams. */
  #onServer(streamId: string): string {
    return this.#namespace + streamId;
  }

  #local(serverStream: string): string {
    return serverStream.startsWith(this.#namespace) ? serverStream.slice(this.#namespace.length) : serverStream;
  }

  #isOurs(event: EsdbEventRead): boolean {
    if (!event.streamId.startsWith(this.#namespace) || event.type.startsWith('$')) return false;
    const local = this.#local(event.streamId);
    return !local.startsWith('$') && !local.startsWith(this.#checkpointPrefix);
  }

  /**
   * Why the server refused an append. A wrong expected version is a conflict, unless some of the
   * append's ids are already where it would have written (a partial retry: ids reused for other
   * events). Only the part of the stream the append aimed at is read: EventStoreDB recognises ids
   * per stream and near the end, and so does this check.
   */
  async #refusal(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    current: bigint | 'no_stream' | undefined,
  ): Promise<Error> {
    const actual = current === undefined || current === 'no_stream' ? 'no_stream' : toRevision(current, streamId);
    if (actual !== 'no_stream') {
      const from = typeof expected === 'number' ? expected + 1 : Math.max(0, actual + 1 - events.length);
      const around = await this.#call(streamId, () =>
        this.#driver.readStream(this.#onServer(streamId), { fromRevision: BigInt(from), maxCount: events.length }),
      );
      const ids = new Set(around === 'not-found' ? [] : around.map((event) => event.id));
      const reused = events.find((event) => ids.has(esdbEventId(event.eventId)));
      if (reused !== undefined) {
        return new DuplicateEventIdError(reused.eventId, streamId, 'is already used for another event of this stream');
      }
    }
    return new ConcurrencyError(streamId, expected, actual);
  }

  async #call<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#translate(error, streamId);
    }
  }

  #translate(error: unknown, streamId?: string): unknown {
    if (!(error instanceof EsdbDriverError)) return error;
    const stream = streamId ?? (error.streamId === undefined ? '(unknown stream)' : this.#local(error.streamId));
    if (error.kind === 'stream-deleted') return new StreamDeletedError(stream, 'tombstoned');
    if (isTransient(error)) {
      return new StoreUnavailableError(`EventStoreDB did not answer (${error.kind}): ${error.message}`, {
        cause: error,
      });
    }
    return error;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }
}

function toEsdbExpected(expected: ExpectedRevision): EsdbExpectedRevision {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type { EventCatalogue } from '../catalogue/event-catalogue';
import { type LedgerEvent, ledgerCatalogue } from '../catalogue/ledger-catalogue';
import {
  assertDistinctStreams,
  assertExpectedRevision,
  type CheckedEvent,
  checkAppend,
  matchRetriedAppend,
  NO_STREAM_REVISION,
} from './append-checks';
import {
  assertCheckpointExpected,
  type CheckpointStore,
  type ProjectionCheckpoint,
  type SaveCheckpointOptions,
} from './checkpoints';
import { ConcurrencyError, StoreClosedError, UnsupportedOperationError } from './errors';
import type { EventStore } from './event-store';
import { InMemoryReadModelTables } from './in-memory-read-model-tables';
import { assertReadStream } from './read-checks';
import type { ReadModelTables } from './read-model-tables';
import type { SnapshotStore, StreamSnapshot } from './snapshots';
import type {
  AppendResult,
  ExpectedRevision,
  FollowMessage,
  FollowOptions,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreCapabilities,
  StreamWrite,
} from './types';

export interface InMemoryEventStoreOptions {
  /** The catalogue appends are validated against. Default: the ledger's. */
  readonly catalogue?: EventCatalogue<LedgerEvent>;
  /** The wall clock for `recordedAt`. Injected so tests can pin it. */
  readonly now?: () => Date;
  /**
   * False makes the store refuse appends across streams, as EventStoreDB does, so the ledger's
   * reservation flow can be exercised anywhere. Default true.
   */
  readonly atomicMultiStreamAppend?: boolean;
  /**
   * Called with each append before anything is written. A test throws from it to stop a writer
   * exactly where it wants (a process dying between two appends); nothing of that append lands.
   */
  readonly beforeAppend?: (writes: readonly StreamWrite[]) => void;
}

/**
 * A store that keeps everything in memory: for tests, analysts' replays and examples.
 *
 * Position `n` is the `n`-th event ever written (1-based), so reading after a position is an
 * array index and appending is amortised O(1) however large the store grows.
 */
export class InMemoryEventStore implements EventStore {
  readonly capabilities: StoreCapabilities;
  readonly #all: RecordedEvent[] = [];
  readonly #streams = new Map<string, RecordedEvent[]>();
  readonly #byEventId = new Map<string, RecordedEvent>();
  readonly #catalogue: EventCatalogue<LedgerEvent>;
  readonly #now: () => Date;
  readonly #checkpoints = new Map<string, ProjectionCheckpoint>();
  /** By stream and fold; the state kept as JSON text, as a database keeps it. */
  readonly #snapshots = new Map<string, Omit<StreamSnapshot, 'state'> & { readonly state: string }>();
  #wakeFollowers: (() => void)[] = [];
  readonly #beforeAppend: ((writes: readonly StreamWrite[]) => void) | undefined;
  #closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.#catalogue = options.catalogue ?? ledgerCatalogue;
    this.#now = options.now ?? (() => new Date());
    this.#beforeAppend = options.beforeAppend;
    this.capabilities = { atomicMultiStreamAppend: options.atomicMultiStreamAppend ?? true, uniqueEventIds: true };
  }

  /** How many events the store holds. */
  get size(): number {
    return this.#all.length;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const [result] = this.#append([{ streamId, events, expectedRevision: options.expectedRevision ?? 'any' }]);
    if (result === undefined) throw new Error('unreachable: one write gives one result');
    return result;
  }

  async appendToStreams(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    if (!this.capabilities.atomicMultiStreamAppend) {
      throw new UnsupportedOperationError('this in-memory store was made without atomic multi-stream appends');
    }
    return this.#append(writes);
  }

  #append(writes: readonly StreamWrite[]): AppendResult[] {
    this.#assertOpen();
    assertDistinctStreams(writes);
    this.#beforeAppend?.(writes);
    // Check every write before touching anything, so a refused append changes nothing.
    const plans = writes.map((write) => this.#plan(write));
    // A retry repeats the whole append. Parts already written (found because their expected
    // revision no longer holds) beside parts that are new are not a retry: those parts conflict.
    const retried = plans.find((plan) => plan.retryOf !== undefined);
    const fresh = plans.find((plan) => plan.retryOf === undefined);
    if (retried !== undefined && fresh !== undefined) {
      const current = (this.#streams.get(retried.write.streamId)?.length ?? 0) - 1;
      throw new ConcurrencyError(
        retried.write.streamId,
        retried.write.expectedRevision,
        current === -1 ? 'no_stream' : current,
      );
    }
    const results: AppendResult[] = [];
    const recordedAt = this.#now().toISOString();
    for (const plan of plans) {
      if (plan.retryOf !== undefined) {
        results.push(plan.retryOf);
        continue;
      }
      const stream = this.#streams.get(plan.write.streamId) ?? [];
      this.#streams.set(plan.write.streamId, stream);
      for (const event of plan.events) {
        // A literal of fixed shape, not a spread: faster to build, and the same shape for every event.
        const recorded = {
          type: event.type,
          data: event.data,
          eventId: event.eventId,
          streamId: plan.write.streamId,
          revision: stream.length,
          position: this.#all.length + 1,
          schemaVersion: event.schemaVersion,
          metadata: event.metadata,
          recordedAt: event.recordedAt ?? recordedAt,
        } as RecordedEvent;
        stream.push(recorded);
        this.#all.push(recorded);
        this.#byEventId.set(recorded.eventId, recorded);
      }
      results.push({
        streamId: plan.write.streamId,
        nextExpectedRevision: stream.length - 1,
        position: this.#all.length,
      });
    }
    this.#notifyFollowers();
    return results;
  }

  #plan(write: StreamWrite): { write: StreamWrite; events: CheckedEvent[]; retryOf?: AppendResult } {
    const stream = this.#streams.get(write.streamId);
    const current = stream === undefined ? NO_STREAM_REVISION : stream.length - 1;
    // The checked copies are what gets stored: never the caller's objects, which it may change.
    const events = checkAppend(write.streamId, write.events, write.expectedRevision, this.#catalogue, current + 1);
    const existing = write.events.map((event) => this.#byEventId.get(event.eventId));
    const lastRevision = matchRetriedAppend(write.streamId, write.events, existing);
    if (lastRevision !== undefined) {
      const last = stream?.[lastRevision];
      if (last === undefined) throw new Error('unreachable: a matched retry points into its stream');
      return {
        write,
        events,
        retryOf: { streamId: write.streamId, nextExpectedRevision: lastRevision, position: last.position },
      };
    }
    assertExpectedRevision(write.streamId, write.expectedRevision, current);
    return { write, events };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    assertReadStream(streamId, options);
    const stream = this.#streams.get(streamId) ?? [];
    const from = options.fromRevision ?? 0;
    const to = options.maxCount === undefined ? stream.length : from + options.maxCount;
    return stream.slice(from, to);
  }

  async readEventsById(eventIds: readonly string[]): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const found: RecordedEvent[] = [];
    for (const eventId of new Set(eventIds)) {
      const event = this.#byEventId.get(eventId);
      if (event !== undefined) found.push(event);
    }
    return found;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen();
    let index = this.#indexAfter(options.after ?? 0);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (index < this.#all.length && remaining > 0) {
      const event = this.#all[index];
      if (event === undefined) break;
      yield event;
      index += 1;
      remaining -= 1;
    }
  }

  async *follow(options: FollowOptions = {}): AsyncIterable<FollowMessage> {
    this.#assertOpen();
    const { signal } = options;
    let index = this.#indexAfter(options.after ?? 0);
    while (!signal?.aborted && !this.#closed) {
      while (index < this.#all.length) {
        const event = this.#all[index];
        if (event === undefined) break;
        index += 1;
        yield { kind: 'event', event };
        if (signal?.aborted) return;
      }
      yield { kind: 'caught-up', position: index };
      // The consumer may have appended while it held the caught-up message: look before sleeping.
      if (index < this.#all.length) continue;
      await this.#nextAppend(signal);
    }
  }

  readonly checkpoints: CheckpointStore = {
    loadCheckpoint: async (name) => this.#checkpoints.get(name),
    saveCheckpoint: async (name: string, position: GlobalPosition, options: SaveCheckpointOptions) => {
      this.#assertOpen();
      assertCheckpointExpected(name, options, this.#checkpoints.get(name)?.position);
      // Kept as JSON, as a database would: the caller's later mutations do not leak in.
      const state = options.state === undefined ? {} : { state: JSON.parse(JSON.stringify(options.state)) as unknown };
      this.#checkpoints.set(name, { name, position, version: options.version, ...state });
    },
    deleteCheckpoint: async (name) => {
      this.#checkpoints.delete(name);
    },
  };

  /** Read models kept as JSON rows in memory, as the SQL stores keep them in tables. */
  readonly readModels: ReadModelTables = new InMemoryReadModelTables({
    get: (name) => this.#checkpoints.get(name),
    set: (name, checkpoint) => {
      this.#assertOpen();
      this.#checkpoints.set(name, checkpoint);
    },
    delete: (name) => this.#checkpoints.delete(name),
  });
  readonly snapshots: SnapshotStore = {
    readFromSnapshot: async (streamId, fold, version) => {
      this.#assertOpen();
      const kept = this.#snapshots.get(snapshotKey(streamId, fold));
      const snapshot = kept?.version === version ? { ...kept, state: JSON.parse(kept.state) as unknown } : undefined;
      return { snapshot, events: await this.readStream(streamId, { fromRevision: snapshot?.revision ?? 0 }) };
    },
    saveSnapshot: async (snapshot) => {
      this.#assertOpen();
      // Kept as JSON: the caller's later mutations do not leak in, and what cannot be stored fails here.
      this.#snapshots.set(snapshotKey(snapshot.streamId, snapshot.fold), {
        streamId: snapshot.streamId,
        fold: snapshot.fold,
        version: snapshot.version,
        revision: snapshot.revision,
        eventId: snapshot.eventId,
        state: JSON.stringify(snapshot.state),
      });
    },
  };

  async close(): Promise<void> {
    this.#closed = true;
    this.#notifyFollowers();
  }

  /** Positions are 1-based array indexes, so "after p" starts at index p. */
  #indexAfter(position: GlobalPosition): number {
    return Math.max(0, Math.min(Math.floor(position), this.#all.length));
  }

  #nextAppend(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      signal?.addEventListener('abort', wake, { once: true });
      this.#wakeFollowers.push(wake);
    });
  }

  #notifyFollowers(): void {
    const waiting = this.#wakeFollowers;
    this.#wakeFollowers = [];
    for (const wake of waiting) wake();
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }
}

function snapshotKey(streamId: string, fold: string): string {
  return `${fold}\u0000${streamId}`;
}

import type { CheckpointStore } from './checkpoints';
import type { ReadModelTables } from './read-model-tables';
import type { SnapshotStore } from './snapshots';
import type {
  AppendResult,
  ExpectedRevision,
  FollowMessage,
  FollowOptions,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreCapabilities,
  StreamWrite,
} from './types';

/**
 * The contract every store keeps: SQLite, PostgreSQL, EventStoreDB and the in-memory store.
 * `@order-ledger/store-conformance` checks it, so a third-party store can prove it too.
 *
 * Every append validates its events against the catalogue before writing anything, and is atomic:
 * all of its events land, at consecutive revisions, or none do.
 */
export interface EventStore {
  readonly capabilities: StoreCapabilities;

  /** Projection checkpoints in the store's own database, where the store keeps them. */
  readonly checkpoints?: CheckpointStore;

  /**
   * Read models kept as rows in the store's own database, saved row by row with their checkpoint
   * (`ProjectionRunner` uses them for projections whose state is made of `KeptCollection`s).
   */
  readonly readModels?: ReadModelTables;

  /**
   * Fold snapshots in the store's own database, where the store keeps them: the ledger loads a
   * SKU's stock from its snapshot and the events after it, not from the stream's first event.
   */
  readonly snapshots?: SnapshotStore;

  /**
   * Appends to one stream. Throws `ConcurrencyError` when `expectedRevision` (default `'any'`)
   * does not hold, with the stream's actual revision. Appending events whose ids are already the
   * stream's last events is a retry: it writes nothing and returns the first append's result.
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  /**
   * Appends to several streams in one transaction: every expected revision is checked before
   * anything is written. Throws `UnsupportedOperationError` when
   * `capabilities.atomicMultiStreamAppend` is false.
   */
  appendToStreams(writes: readonly StreamWrite[]): Promise<AppendResult[]>;

  /**
   * A stream's events in revision order. A stream that does not exist reads as empty; an id no
   * append could have written (see `inputLimits`), or a negative revision or count, is refused
   * with `InvalidReadError`.
   */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * The events with these ids, through the store's index of event ids, in no particular order;
   * ids no event has are left out. Where a store has it, the ledger finds what a command id wrote
   * to a stream without reading the stream (ids are derived from the command id: `eventIdFor`).
   * A store whose ids are unique per stream only (EventStoreDB) has no such index and leaves it out.
   */
  readEventsById?(eventIds: readonly string[]): Promise<RecordedEvent[]>;

  /** Every event in global order, after `options.after` (exclusive). */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * Every event after `options.after`, then each new event as it is appended, one at a time and
   * in order; yields `caught-up` whenever it has delivered everything written so far. It never
   * passes over an event that commits late.
   */
  follow(options?: FollowOptions): AsyncIterable<FollowMessage>;

  /** Releases connections and file handles. Further calls fail with `StoreClosedError`. */
  close(): Promise<void>;
}

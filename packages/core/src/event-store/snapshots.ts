import type { RecordedEvent, StreamRevision } from './types';

/**
 * A fold's state at one revision of one stream, kept so that loading the stream folds only the
 * events after it. A cache of the events, never a source of truth: the events decide, and a
 * snapshot that does not match them is dropped (docs/architecture.md, "Loading a SKU's stock").
 */
export interface StreamSnapshot {
  readonly streamId: string;
  /** Which fold made it (`stock`): a stream could be folded more than one way. */
  readonly fold: string;
  /** The fold's version when it was made: a snapshot of any other version is never used. */
  readonly version: string;
  /** The revision of the last event folded into `state`. */
  readonly revision: StreamRevision;
  /** The id of that event: a snapshot whose event is no longer at that revision is stale. */
  readonly eventId: string;
  /** The state, as JSON-safe data. */
  readonly state: unknown;
}

/** A snapshot as read, with the events needed to bring it up to date. */
export interface SnapshotRead {
  /** The stream's snapshot of the fold at the version asked for; undefined when there is none. */
  readonly snapshot: StreamSnapshot | undefined;
  /**
   * With a snapshot: the stream's events from the snapshot's revision on, that revision included
   * (its event shows whether the snapshot still belongs to this stream). Without: every event.
   */
  readonly events: readonly RecordedEvent[];
}

/**
 * Snapshots kept in the store's own database, beside the events (SQLite, PostgreSQL, in-memory).
 * A store without them (EventStoreDB) is folded from the start on every load.
 */
export interface SnapshotStore {
  /** The snapshot of `fold` at `version` for the stream, and the events after it (see `SnapshotRead`). */
  readFromSnapshot(streamId: string, fold: string, version: string): Promise<SnapshotRead>;
  /**
   * Keeps `snapshot` as the stream's snapshot of its fold, replacing the one kept before whatever
   * its version or revision: the last save wins, so a stale or corrupt snapshot is always
   * replaceable. Losing a save (a crash, a race with another writer) only makes the next load
   * fold a few more events.
   */
  saveSnapshot(snapshot: StreamSnapshot): Promise<void>;
}

import type { DomainEvent } from '../catalogue/event-catalogue';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';

/**
 * A stream's revision: the 0-based index of its last event. Dense on every store: a stream with
 * three events is at revision 2. A plain number, so it goes into JSON as it is.
 */
export type StreamRevision = number;

/**
 * A place in the store's global order. Strictly increasing in the order readers see events, but
 * not necessarily contiguous; never compute `position + 1`. Reading "after" a position is
 * exclusive: `readAll({ after: p })` starts with the first event past `p`.
 */
export type GlobalPosition = number;

/** Reading from the very beginning: no event has a position at or below it. */
export const START: GlobalPosition = 0;

/**
 * What the writer believes about the stream it appends to:
 * - `'any'`: no check (use with care: two writers can interleave).
 * - `'no_stream'`: the stream must not exist yet (placing a new order).
 * - `'stream_exists'`: the stream must already have at least one event.
 * - a revision: the stream's last event must be exactly at that revision.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

/** Who and what caused an event; free-form beyond the fields named here. */
export interface EventMetadata {
  /** The command that produced the event: a retried command is recognised by it. */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Who did it (a staff name, `system`, `import`). */
  readonly actor?: string;
  /** On a stock release that undoes a reservation: the id of the `StockCommitted` it undoes. */
  readonly compensates?: string;
  /**
   * On order events written by the reservation flow (stores without atomic multi-stream appends):
   * stock movements follow in separate appends, so a reconciler can check they landed.
   */
  readonly stockFollows?: boolean;
  readonly [key: string]: string | number | boolean | undefined;
}

/** An event about to be appended. `eventId` makes a retried append idempotent. */
export type NewEvent<E extends DomainEvent = LedgerEvent> = E & {
  readonly eventId: string;
  readonly metadata?: EventMetadata;
  /**
   * When the event was first recorded, for an import that copies a history from another store:
   * kept as given so an export and an import round-trip exactly. Default: the store's clock.
   */
  readonly recordedAt?: string;
};

/** An event as a store recorded it: the domain event plus where and when it landed. */
export type RecordedEvent<E extends DomainEvent = LedgerEvent> = E & {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly position: GlobalPosition;
  /** The version of the event's shape it was written with. */
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
  /** Wall-clock time of the write, set by the store. Business time is `data.at`. */
  readonly recordedAt: string;
};

export interface AppendResult {
  readonly streamId: string;
  /** The revision of the stream's last event after the append: pass it as the next expected revision. */
  readonly nextExpectedRevision: StreamRevision;
  /** The global position of the last event written. */
  readonly position: GlobalPosition;
}

/** One stream's part of an atomic append across streams. */
export interface StreamWrite<E extends DomainEvent = LedgerEvent> {
  readonly streamId: string;
  readonly events: readonly NewEvent<E>[];
  readonly expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** The first revision to read (inclusive). Default 0. */
  readonly fromRevision?: StreamRevision;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position. Default `START`. */
  readonly after?: GlobalPosition;
  readonly maxCount?: number;
}

export interface FollowOptions {
  /** Deliver events strictly after this position. Default `START`. */
  readonly after?: GlobalPosition;
  /** Ends the iteration when aborted. */
  readonly signal?: AbortSignal;
}

/** What a follower yields: each event in order, and a marker each time it has caught up. */
export type FollowMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'caught-up'; readonly position: GlobalPosition };

/** What a store can do beyond the contract every store keeps. */
export interface StoreCapabilities {
  /**
   * True when `appendToStreams` writes several streams in one transaction (SQLite, PostgreSQL,
   * in-memory). When false, the ledger keeps orders and stock consistent by reserving stock first
   * and compensating on failure (docs/architecture.md).
   */
  readonly atomicMultiStreamAppend: boolean;
  /**
   * True when an event id already used anywhere in the store is refused (SQLite, PostgreSQL,
   * in-memory: one index over every id). False when ids are recognised per stream only, as
   * EventStoreDB does: a retried append is still recognised, but an id reused in another stream
   * is not caught. The ledger derives ids from the command and the stream, so it never relies on it.
   */
  readonly uniqueEventIds: boolean;
}

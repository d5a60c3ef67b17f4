/**
 * What the store needs from an EventStoreDB client, in our own types. The store is written
 * against this, never against `@eventstore/db-client` directly, so that the client's successor
 * (`@kurrent/kurrentdb-client`, which renames options, errors and connection schemes) can replace
 * it by writing one more driver. Revisions and positions stay bigints here, as on the wire; the
 * store turns them into the contract's plain numbers.
 */

/** A place in `$all`. Equal commit and prepare for every event a gRPC client writes. */
export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export type EsdbExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EsdbEventToWrite {
  /** A UUID. */
  readonly id: string;
  readonly type: string;
  /** JSON-safe. */
  readonly data: unknown;
  /** JSON-safe. */
  readonly metadata: unknown;
}

export interface EsdbEventRead {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly isJson: boolean;
  /** Parsed JSON (or the raw bytes when the event is not JSON). */
  readonly data: unknown;
  readonly metadata: unknown;
  /** The server's clock when it wrote the event. */
  readonly created: Date;
  readonly position: EsdbPosition | undefined;
}

export interface EsdbAppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: EsdbPosition | undefined;
}

/** A catch-up subscription's messages, in order: events, and a marker each time it is live. */
export type EsdbSubscriptionMessage =
  | { readonly kind: 'event'; readonly event: EsdbEventRead }
  | { readonly kind: 'caught-up' };

export interface EsdbSubscription extends AsyncIterable<EsdbSubscriptionMessage> {
  close(): Promise<void>;
}

/** What the store reads of a stream's metadata: `$tb`, set when the stream was deleted softly. */
export interface EsdbStreamMetadata {
  readonly truncateBefore?: bigint;
}

export interface EsdbDriver {
  append(
    streamId: string,
    events: readonly EsdbEventToWrite[],
    expected: EsdbExpectedRevision,
  ): Promise<EsdbAppendResult>;
  /** The stream's events from `fromRevision`, or `not-found` (missing, or soft-deleted). */
  readStream(
    streamId: string,
    options: { readonly fromRevision: bigint | 'end'; readonly maxCount: number; readonly backwards?: boolean },
  ): Promise<readonly EsdbEventRead[] | 'not-found'>;
  /** `$all` forwards from `from` (inclusive, as the server reads), system events included. */
  readAll(options: { readonly from: EsdbPosition | 'start'; readonly maxCount: number }): AsyncIterable<EsdbEventRead>;
  /** A catch-up subscription to `$all` after `after` (exclusive), on streams matching the regex. */
  subscribeToAll(options: {
    readonly after: EsdbPosition | 'start';
    readonly streamNameRegex: string;
  }): EsdbSubscription;
  streamMetadata(streamId: string): Promise<EsdbStreamMetadata | undefined>;
  setStreamMetadata(streamId: string, metadata: { readonly maxCount: number }): Promise<void>;
  deleteStream(streamId: string): Promise<void>;
  tombstoneStream(streamId: string): Promise<void>;
  dispose(): Promise<void>;
}

export type EsdbErrorKind =
  | 'wrong-expected-version'
  | 'stream-deleted'
  | 'unavailable'
  | 'not-leader'
  | 'access-denied'
  | 'deadline-exceeded'
  | 'other';

/** A driver's failure, sorted into the kinds the store acts on. */
export class EsdbDriverError extends Error {
  readonly kind: EsdbErrorKind;
  readonly streamId: string | undefined;
  /** For `wrong-expected-version`: where the stream really is. */
  readonly current: bigint | 'no_stream' | undefined;

  constructor(
    kind: EsdbErrorKind,
    message: string,
    details: { readonly streamId?: string; readonly current?: bigint | 'no_stream'; readonly cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'EsdbDriverError';
    this.kind = kind;
    this.streamId = details.streamId;
    this.current = details.current;
  }
}

/** Worth retrying after a pause: the connection or the leader went away, not the request. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof EsdbDriverError &&
    (error.kind === 'unavailable' || error.kind === 'not-leader' || error.kind === 'deadline-exceeded')
  );
}

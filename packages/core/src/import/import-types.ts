import { LedgerError } from '../errors/ledger-error';
import type { EventStore } from '../event-store/event-store';
import type { EventMetadata, StreamRevision } from '../event-store/types';

/**
 * One event of a history being imported (an export of another store, a converted shop export):
 * the stream and the revision it must land at, and `source`, where it came from (a file's line),
 * handed back untouched with any problem so the caller can say where to look.
 */
export interface ImportEvent<S = unknown> {
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  /** The version of the data's shape where it comes from; an older one is upcast. Default: today's. */
  readonly schemaVersion?: number | undefined;
  readonly metadata?: EventMetadata | undefined;
  /** When it was first recorded, kept as given. Default: the store's clock. */
  readonly recordedAt?: string | undefined;
  readonly source?: S | undefined;
}

/** Something the reader of the history could not make an event of: a line that is not JSON, say. */
export interface UnreadableEntry<S = unknown> {
  readonly unreadable: string;
  /** The stream it belonged to, when that much could be read: its later events are left out. */
  readonly streamId?: string | undefined;
  readonly source?: S | undefined;
}

export type ImportEntry<S = unknown> = ImportEvent<S> | UnreadableEntry<S>;

export function isUnreadable<S>(entry: ImportEntry<S>): entry is UnreadableEntry<S> {
  return 'unreadable' in entry;
}

/** What one batch did: events written, and events the store already held (a re-run). */
export interface BatchOutcome {
  readonly written: number;
  readonly alreadyThere: number;
}

/**
 * An import into a store that can hold it in one transaction (SQLite, PostgreSQL): batches are
 * written as they come, and nothing is visible to readers, or kept, until `commit`.
 */
export interface ImportSession {
  /**
   * Checks and writes a batch, in order. Each event is checked as an append checks it (the
   * catalogue, metadata, `recordedAt`, U+0000) and placed against its stream: at the stream's
   * next revision it is written; at a revision the stream holds under the same event id it is
   * already there and skipped; anything else is refused (`ConcurrencyError`, or
   * `DuplicateEventIdError` for an id used elsewhere). On the first refused event it throws
   * `ImportRefusedError`, and nothing of this batch is written (earlier batches stay, uncommitted).
   */
  write(batch: readonly ImportEvent[]): Promise<BatchOutcome>;
  /** Makes every batch written visible and durable, at once. */
  commit(): Promise<void>;
  /** Forgets every batch written. Safe to call after a failed `commit`, and twice. */
  rollback(): Promise<void>;
}

/** A store with an import session of its own (see `ImportSession`). */
export interface BulkImportStore extends EventStore {
  beginImport(): Promise<ImportSession>;
}

export function supportsBulkImport(store: EventStore): store is BulkImportStore {
  return typeof (store as Partial<BulkImportStore>).beginImport === 'function';
}

/**
 * An imported event the store refused: which one in its batch, and why (a located ledger error).
 * @remedy Look at `reason` (its own code says what) and at the event's `source` (the file and
 * line); correct the history and import it again: what is already there is skipped.
 */
export class ImportRefusedError extends LedgerError {
  readonly code = 'IMPORT_REFUSED' as const;
  /** Its index in the batch given to `write`. */
  readonly index: number;
  readonly streamId: string;
  readonly revision: StreamRevision;
  /** Why: `EventValidationError`, `UnknownEventTypeError`, `InvalidAppendError`, `ConcurrencyError`, `DuplicateEventIdError`. */
  readonly reason: LedgerError;

  constructor(index: number, event: ImportEvent, reason: LedgerError) {
    super(reason.message, { cause: reason });
    this.index = index;
    this.streamId = event.streamId;
    this.revision = event.revision;
    this.reason = reason;
  }
}

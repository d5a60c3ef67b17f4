import { LedgerError } from '../errors/ledger-error';
import type { ExpectedRevision, StreamRevision } from './types';

/**
 * The stream was not where the writer expected: someone else appended first.
 * @remedy Reload the stream and decide again. `OrderLedger.execute` does so itself; from there it
 * means its attempts (`maxAttempts`) ran out under heavy contention on one order or SKU.
 */
export class ConcurrencyError extends LedgerError {
  readonly code = 'CONCURRENCY_CONFLICT' as const;
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  /** The stream's real revision when the append was refused, or `'no_stream'`. */
  readonly actual: StreamRevision | 'no_stream';

  constructor(streamId: string, expected: ExpectedRevision, actual: StreamRevision | 'no_stream') {
    super(`stream ${streamId}: expected revision ${String(expected)}, but it is at ${String(actual)}`);
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The caller decided on a revision of the stream that is no longer its latest (an HTTP
 * `If-Match` that no longer matches). Unlike `ConcurrencyError` it is not retried: the caller
 * must look again at what changed.
 * @remedy Read the stream again (for an order, GET it or `ledger.order(id)`), decide on what it
 * holds now, and send the command with the revision you read.
 */
export class StreamRevisionMismatchError extends LedgerError {
  readonly code = 'REVISION_MISMATCH' as const;
  readonly streamId: string;
  readonly expected: StreamRevision | 'no_stream';
  readonly actual: StreamRevision | 'no_stream';

  constructor(streamId: string, expected: StreamRevision | 'no_stream', actual: StreamRevision | 'no_stream') {
    super(`stream ${streamId}: you saw revision ${String(expected)}, but it is at ${String(actual)} now`);
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * An event id was reused for a different event (in one append, in the stream, or elsewhere in the
 * store): ids must name one event, once.
 * @remedy Give each new event an id of its own; a retry of the same append sends the same events
 * with the same ids, and is recognised.
 */
export class DuplicateEventIdError extends LedgerError {
  readonly code = 'DUPLICATE_EVENT_ID' as const;
  readonly eventId: string;
  readonly streamId: string;

  constructor(eventId: string, streamId: string, detail: string) {
    super(`event id ${eventId} (stream ${streamId}) ${detail}`);
    this.eventId = eventId;
    this.streamId = streamId;
  }
}

/**
 * The store cannot do this: an atomic append across streams on EventStoreDB, a write to a JSONL
 * history file (read-only).
 * @remedy Use what the store offers (`OrderLedger` picks reserve-then-record on a store without
 * atomic multi-stream appends), or import the history into a store that writes.
 */
export class UnsupportedOperationError extends LedgerError {
  readonly code = 'STORE_UNSUPPORTED' as const;
}

/**
 * There is no ledger where a store was asked to open one without creating it (a report on a
 * mistyped path, a file that is not SQLite, a schema never written): reading never creates a store.
 * @remedy Check the path, file or schema; to start a new ledger there, open it with
 * `create: true` (the CLI's `import` and `demo` create one).
 */
export class StoreNotFoundError extends LedgerError {
  readonly code = 'STORE_NOT_FOUND' as const;
  readonly where: string;

  constructor(where: string, why: string) {
    super(`no ledger at ${where}: ${why}`);
    this.where = where;
  }
}

/**
 * The store's file or database refused a write: it is read-only to this process.
 * @remedy Give the process write access to the file and its folder (SQLite writes a journal beside
 * it), or only read from it.
 */
export class StoreReadOnlyError extends LedgerError {
  readonly code = 'STORE_READ_ONLY' as const;
}

/**
 * The store could not be opened or created: a missing or read-only folder, a file it cannot open.
 * @remedy Create the folder, or choose a path this process may write to.
 */
export class StoreCannotOpenError extends LedgerError {
  readonly code = 'STORE_CANNOT_OPEN' as const;
}

/**
 * The store was used after `close()`.
 * @remedy Close a store once, after its last use; open a new one to go on.
 */
export class StoreClosedError extends LedgerError {
  readonly code = 'STORE_CLOSED' as const;

  constructor() {
    super('the event store has been closed');
  }
}

/** Where in an append, or a read, the input was wrong: as much of it as is known. */
export interface InputFault {
  readonly streamId?: string;
  /** The 0-based index of the event in the append. */
  readonly eventIndex?: number;
  readonly eventId?: string;
  /** The field, as a path: `streamId`, `eventId`, `metadata.commandId`, `expectedRevision`. */
  readonly field?: string;
}

/**
 * The append itself is malformed: no events, a bad stream or event id, an impossible expected
 * revision, metadata that is not a small plain object (the limits are in `inputLimits`).
 * @remedy Correct the append: the message and `field` say which part, `eventIndex` which event.
 */
export class InvalidAppendError extends LedgerError {
  readonly code = 'APPEND_INVALID' as const;
  readonly streamId: string | undefined;
  readonly eventIndex: number | undefined;
  readonly eventId: string | undefined;
  readonly field: string | undefined;

  constructor(message: string, fault: InputFault = {}) {
    super(message);
    this.streamId = fault.streamId;
    this.eventIndex = fault.eventIndex;
    this.eventId = fault.eventId;
    this.field = fault.field;
  }
}

/**
 * A read asked for something no append could have written (a stream id with U+0000, a negative count).
 * @remedy Correct the read's arguments; `field` names the one at fault.
 */
export class InvalidReadError extends LedgerError {
  readonly code = 'READ_INVALID' as const;
  readonly streamId: string | undefined;
  readonly field: string;

  constructor(message: string, field: string, streamId?: string) {
    super(message);
    this.field = field;
    this.streamId = streamId;
  }
}

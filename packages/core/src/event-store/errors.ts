import { LedgerError } from '../errors/ledger-error';
import type { ExpectedRevision, StreamRevision } from './types';

/** The stream was not where the writer expected: someone else appended first. Reload and retry. */
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

/** An event id was reused for a different event: ids must name one event, once. */
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

/** The store cannot do this (an atomic multi-stream append on EventStoreDB, say). */
export class UnsupportedOperationError extends LedgerError {
  readonly code = 'STORE_UNSUPPORTED' as const;
}

export class StoreClosedError extends LedgerError {
  readonly code = 'STORE_CLOSED' as const;

  constructor() {
    super('the event store has been closed');
  }
}

/** The append itself is malformed (no events, a blank stream id, an impossible expected revision). */
export class InvalidAppendError extends LedgerError {
  readonly code = 'APPEND_INVALID' as const;
}

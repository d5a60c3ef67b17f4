import { LedgerError } from '@order-ledger/core';

/**
 * The stream was deleted: soft (it may be written again) or tombstoned (never again).
 * @remedy A soft-deleted stream starts again with an append expecting `no_stream` or `any`; a
 * tombstoned stream is gone for good: write under another stream id.
 */
export class StreamDeletedError extends LedgerError {
  readonly code = 'STREAM_DELETED' as const;
  readonly streamId: string;
  readonly how: 'deleted' | 'tombstoned';

  constructor(streamId: string, how: 'deleted' | 'tombstoned') {
    super(
      how === 'tombstoned'
        ? `stream ${streamId} is tombstoned: it can never be read or written again`
        : `stream ${streamId} was deleted: its events are gone from reads (appending starts it again)`,
    );
    this.streamId = streamId;
    this.how = how;
  }
}

/**
 * The server could not be reached, or went away mid-request. For an append the outcome is
 * unknown: retry it with the same event ids, and the server recognises it if it did land.
 * @remedy Check the connection string and that the server is up; retry the same append (same
 * event ids) once it answers.
 */
export class StoreUnavailableError extends LedgerError {
  readonly code = 'STORE_UNAVAILABLE' as const;
}

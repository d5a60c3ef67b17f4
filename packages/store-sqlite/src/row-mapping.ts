import type { EventCatalogue, LedgerEvent, ReadValidation, RecordedEvent } from '@order-ledger/core';
import { EventValidationError, storedEventData } from '@order-ledger/core';

/** An `events` row as SQLite returns it. */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly schema_version: number;
  readonly recorded_at: string;
}

export type { ReadValidation } from '@order-ledger/core';

export function toRecorded(
  row: EventRow,
  catalogue: EventCatalogue<LedgerEvent>,
  validation: ReadValidation,
): RecordedEvent {
  let data: unknown;
  let metadata: unknown;
  try {
    data = JSON.parse(row.data);
    metadata = JSON.parse(row.metadata);
  } catch (error) {
    throw new EventValidationError(row.type, [{ path: 'data', reason: `is not JSON: ${String(error)}` }], {
      streamId: row.stream_id,
      revision: row.revision,
    });
  }
  const parsed = storedEventData(
    catalogue,
    validation,
    row.type,
    data,
    row.schema_version,
    row.stream_id,
    row.revision,
  );
  // One object literal, no spread: this runs once per event of every replay, and V8 builds a
  // literal of fixed shape several times faster than it copies one object into another.
  return {
    type: row.type,
    data: parsed,
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    schemaVersion: row.schema_version,
    metadata: metadata as RecordedEvent['metadata'],
    recordedAt: row.recorded_at,
  } as RecordedEvent;
}

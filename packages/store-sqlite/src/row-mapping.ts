import type { EventCatalogue, LedgerEvent, RecordedEvent } from '@order-ledger/core';
import { EventValidationError, UnknownEventTypeError } from '@order-ledger/core';

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

/**
 * How much a read trusts the file:
 * - `type`: the event type must be one the catalogue knows (cheap; the default, since every
 *   append was validated before it was written);
 * - `full`: every event is parsed by the catalogue, for files a foreign writer may have touched.
 */
export type ReadValidation = 'type' | 'full';

export function toRecorded(
  row: EventRow,
  catalogue: EventCatalogue<LedgerEvent>,
  validation: ReadValidation,
): RecordedEvent {
  const location = { streamId: row.stream_id, revision: row.revision };
  if (!catalogue.knows(row.type)) throw new UnknownEventTypeError(row.type, location);
  let data: unknown;
  let metadata: unknown;
  try {
    data = JSON.parse(row.data);
    metadata = JSON.parse(row.metadata);
  } catch (error) {
    throw new EventValidationError(row.type, [{ path: 'data', reason: `is not JSON: ${String(error)}` }], location);
  }
  // An event written at an older version is always parsed, so its upcasters run.
  const parsed =
    validation === 'full' || row.schema_version !== catalogue.versionOf(row.type)
      ? catalogue.parse({ type: row.type, data, schemaVersion: row.schema_version }, location).data
      : data;
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

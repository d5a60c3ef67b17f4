import {
  type CheckedEvent,
  type EventCatalogue,
  type EventMetadata,
  EventValidationError,
  type GlobalPosition,
  type LedgerEvent,
  type ReadValidation,
  type RecordedEvent,
  storedEventData,
} from '@order-ledger/core';
import type { EsdbEventRead, EsdbEventToWrite } from './driver';
import { esdbEventId } from './event-ids';
import { toRevision } from './positions';

/**
 * How our events sit in EventStoreDB: the event's type and `data` as they are (so the server's
 * UI and other readers see plain JSON), and our bookkeeping in its custom metadata:
 *
 * ```json
 * { "metadata": { "commandId": "…" }, "schemaVersion": 1, "eventId": "…", "recordedAt": "…" }
 * ```
 *
 * `eventId` is kept only when our id is not itself the UUID the server stores; `recordedAt` only
 * for an imported event that keeps its first recording time (otherwise the server's `created`).
 */
interface Envelope {
  readonly metadata?: EventMetadata;
  readonly schemaVersion?: number;
  readonly eventId?: string;
  readonly recordedAt?: string;
}

/** A checked event as the server stores it: its parsed data, never the caller's object. */
export function toEsdbEvent(event: CheckedEvent): EsdbEventToWrite {
  const id = esdbEventId(event.eventId);
  const envelope: Envelope = {
    metadata: event.metadata,
    schemaVersion: event.schemaVersion,
    ...(id === event.eventId ? {} : { eventId: event.eventId }),
    ...(event.recordedAt === undefined ? {} : { recordedAt: event.recordedAt }),
  };
  return { id, type: event.type, data: event.data, metadata: envelope };
}

/** An event read from the server as the contract's recorded event, checked as `validation` says. */
export function fromEsdbEvent(
  read: EsdbEventRead,
  position: GlobalPosition,
  catalogue: EventCatalogue<LedgerEvent>,
  validation: ReadValidation,
): RecordedEvent {
  const revision = toRevision(read.revision, `stream ${read.streamId}`);
  if (!read.isJson) {
    throw new EventValidationError(
      read.type,
      [{ path: 'data', reason: 'is not JSON (content type is not application/json)' }],
      {
        streamId: read.streamId,
        revision,
      },
    );
  }
  const envelope = (typeof read.metadata === 'object' && read.metadata !== null ? read.metadata : {}) as Envelope;
  const schemaVersion = envelope.schemaVersion ?? 1;
  const data = storedEventData(catalogue, validation, read.type, read.data, schemaVersion, read.streamId, revision);
  return {
    type: read.type,
    data,
    eventId: envelope.eventId ?? read.id,
    streamId: read.streamId,
    revision,
    position,
    schemaVersion,
    metadata: envelope.metadata ?? {},
    recordedAt: envelope.recordedAt ?? read.created.toISOString(),
  } as RecordedEvent;
}

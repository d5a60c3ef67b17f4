import type { EventCatalogue } from '../catalogue/event-catalogue';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import { type CheckedEvent, checkEvent, NO_STREAM_REVISION, streamIdFault } from '../event-store/append-checks';
import { ConcurrencyError, DuplicateEventIdError, InvalidAppendError } from '../event-store/errors';
import { shownInput } from '../event-store/shown-input';
import type { NewEvent, StreamRevision } from '../event-store/types';
import type { ImportEvent } from './import-types';

/**
 * The checks every store makes of an imported event, before placing it: the same as an append's
 * (`checkEvent`: the catalogue, upcasting an older shape, metadata, `recordedAt`, U+0000), plus the
 * stream id and the revision it names. Returns the event as it must be stored, or throws the same
 * located errors an append throws. With `json`, the data comes back serialised too.
 */
export function checkImportEvent(
  event: ImportEvent,
  catalogue: EventCatalogue<LedgerEvent>,
  json: boolean,
): CheckedEvent {
  const { streamId, revision } = event;
  const streamFault = streamIdFault(streamId);
  if (streamFault !== undefined) {
    throw new InvalidAppendError(`import into ${shownInput(streamId)}: streamId ${streamFault}`, {
      ...(typeof streamId === 'string' ? { streamId } : {}),
      field: 'streamId',
    });
  }
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    throw new InvalidAppendError(
      `import into ${shownInput(streamId)}: revision ${shownInput(String(revision))} is not a whole number from 0`,
      { streamId, field: 'revision' },
    );
  }
  return checkEvent(streamId, event as unknown as NewEvent, undefined, catalogue, revision, event.schemaVersion, json);
}

/** Where an event already written sits, by its id. */
export interface WrittenAt {
  readonly streamId: string;
  readonly revision: StreamRevision;
}

/**
 * Where an imported event stands against its stream, whose last revision is `current`
 * (`NO_STREAM_REVISION` for none): `new` at the next revision; `there` when the stream holds it
 * (its id, at its revision: a re-run, written by an earlier import); otherwise the error an append
 * at that place would get. `written` is where the event's id already is, when known: a new event
 * whose id is used elsewhere is a duplicate (stores that let their unique index find that pass
 * undefined and report it from the index).
 */
export function placeImportEvent(
  event: ImportEvent,
  current: StreamRevision | typeof NO_STREAM_REVISION,
  written: WrittenAt | undefined,
): 'new' | 'there' | ConcurrencyError | DuplicateEventIdError {
  const { streamId, revision, eventId } = event;
  if (written !== undefined && (written.streamId !== streamId || written.revision !== revision)) {
    return idAlreadyWritten(eventId, streamId, written);
  }
  if (revision === current + 1 && written === undefined) return 'new';
  if (revision <= current && written !== undefined) return 'there';
  return new ConcurrencyError(
    streamId,
    revision === 0 ? 'no_stream' : revision - 1,
    current === NO_STREAM_REVISION ? 'no_stream' : current,
  );
}

/** An imported event whose id the store already holds at another place. */
export function idAlreadyWritten(eventId: string, streamId: string, at: WrittenAt): DuplicateEventIdError {
  return new DuplicateEventIdError(
    eventId,
    streamId,
    `was already written to ${at.streamId} at revision ${at.revision}`,
  );
}

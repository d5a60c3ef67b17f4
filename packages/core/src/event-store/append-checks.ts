import type { EventCatalogue } from '../catalogue/event-catalogue';
import { EventValidationError } from '../catalogue/event-validation-error';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import { instantSchema } from '../catalogue/primitives';
import { ConcurrencyError, DuplicateEventIdError, InvalidAppendError } from './errors';
import { inputLimits } from './input-limits';
import { checkMetadata } from './metadata-check';
import { findNul, NUL } from './nul-character';
import { shownInput } from './shown-input';
import type { EventMetadata, ExpectedRevision, NewEvent, StreamRevision, StreamWrite } from './types';

/**
 * Checks shared by every store, so that each refuses the same appends with the same errors.
 * A store calls them inside its transaction, before it writes anything.
 */

/** The revision a stream with no events is at. Never stored: it only feeds the checks. */
export const NO_STREAM_REVISION = -1;

export function assertExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: StreamRevision | typeof NO_STREAM_REVISION,
): void {
  const actual = current === NO_STREAM_REVISION ? 'no_stream' : current;
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && current === NO_STREAM_REVISION) ||
    (expected === 'stream_exists' && current !== NO_STREAM_REVISION) ||
    expected === current;
  if (!holds) throw new ConcurrencyError(streamId, expected, actual);
}

/**
 * An event as every store writes it: exactly what the checks validated. `data` is the catalogue's
 * parsed value (unknown keys stripped, each field read once), `metadata` a fresh plain copy, so
 * nothing the caller still holds (a getter, a `toJSON`, a later change) can make the stored event
 * differ from the checked one. A store writes these fields and never the caller's event.
 */
export type CheckedEvent = LedgerEvent & {
  readonly eventId: string;
  readonly metadata: EventMetadata;
  readonly recordedAt: string | undefined;
  /** The version of the event's shape it is written at: the catalogue's current one. */
  readonly schemaVersion: number;
};

/**
 * Checks an append and returns its events as they must be stored, or throws: `InvalidAppendError`
 * for a malformed append (the stream id, the events list, the expected revision, an event's id,
 * metadata or `recordedAt`; limits in `inputLimits`), `DuplicateEventIdError` for an id given
 * twice, `UnknownEventTypeError` or `EventValidationError` for data the catalogue refuses or that
 * holds U+0000. Errors name the stream, the event (index and id) and the field.
 */
export function checkAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  catalogue: EventCatalogue<LedgerEvent>,
  firstRevision: StreamRevision,
): CheckedEvent[] {
  const where = `append to ${shownInput(streamId)}`;
  const streamFault = streamIdFault(streamId);
  if (streamFault !== undefined) {
    throw new InvalidAppendError(`${where}: streamId ${streamFault}`, {
      ...(typeof streamId === 'string' ? { streamId } : {}),
      field: 'streamId',
    });
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError(`${where}: no events given`, { streamId, field: 'events' });
  }
  if (!isExpectedRevision(expected)) {
    throw new InvalidAppendError(
      `${where}: expectedRevision ${shownInput(typeof expected === 'string' ? expected : String(expected))} is not ` +
        `'any', 'no_stream', 'stream_exists' or a revision (a whole number from 0)`,
      { streamId, field: 'expectedRevision' },
    );
  }
  const ids = new Set<string>();
  return events.map((event, index) => {
    const checked = checkEvent(streamId, event, index, catalogue, firstRevision + index);
    if (ids.has(checked.eventId)) {
      throw new DuplicateEventIdError(checked.eventId, streamId, 'appears twice in one append');
    }
    ids.add(checked.eventId);
    return checked;
  });
}

/** One event of an append, each of its fields read once, checked and copied. */
function checkEvent(
  streamId: string,
  event: NewEvent,
  index: number,
  catalogue: EventCatalogue<LedgerEvent>,
  revision: StreamRevision,
): CheckedEvent {
  const fault = (field: string, reason: string, eventId?: string): InvalidAppendError =>
    new InvalidAppendError(
      `append to ${shownInput(streamId)}, event ${index}${eventId === undefined ? '' : ` (${shownInput(eventId)})`}: ${field} ${reason}`,
      { streamId, eventIndex: index, ...(eventId === undefined ? {} : { eventId }), field },
    );
  if (typeof event !== 'object' || event === null) throw fault('event', 'must be an object');
  const { eventId, type, data, metadata, recordedAt } = event as NewEvent & { readonly recordedAt?: unknown };
  const idFault = eventIdFault(eventId);
  if (idFault !== undefined) throw fault('eventId', idFault);
  const location = { streamId, revision };
  const schemaVersion = catalogue.knows(type) ? catalogue.versionOf(type) : 1;
  // A new event is written at the current version: parsed as such, so no upcaster runs on it.
  const parsed = catalogue.parse({ type, data, schemaVersion }, location);
  const nulAt = findNul(parsed.data, 'data');
  if (nulAt !== undefined) {
    throw new EventValidationError(
      parsed.type,
      [{ path: nulAt, reason: 'text must not contain the NUL character (U+0000)' }],
      location,
    );
  }
  const checkedMetadata = checkMetadata(metadata);
  if (!checkedMetadata.ok) throw fault(checkedMetadata.field, checkedMetadata.reason, eventId);
  const timeFault = recordedAtFault(recordedAt);
  if (timeFault !== undefined) throw fault('recordedAt', timeFault, eventId);
  return {
    ...parsed,
    eventId,
    metadata: checkedMetadata.metadata,
    recordedAt: recordedAt as string | undefined,
    schemaVersion,
  };
}

/** Why `streamId` cannot name a stream, or undefined. Shared by appends and reads. */
export function streamIdFault(streamId: unknown): string | undefined {
  if (typeof streamId !== 'string' || streamId.trim() === '') return 'must be a non-empty string';
  return textFault(streamId, inputLimits.streamIdLength);
}

function eventIdFault(eventId: unknown): string | undefined {
  if (typeof eventId !== 'string' || eventId === '') return 'must be a non-empty string';
  return textFault(eventId, inputLimits.eventIdLength);
}

function textFault(text: string, maxLength: number): string | undefined {
  if (text.length > maxLength) return `is ${text.length} characters long; at most ${maxLength} are allowed`;
  if (text.includes(NUL)) return 'must not contain the NUL character (U+0000)';
  return undefined;
}

function isExpectedRevision(expected: unknown): expected is ExpectedRevision {
  return (
    expected === 'any' ||
    expected === 'no_stream' ||
    expected === 'stream_exists' ||
    (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
  );
}

/**
 * Why an imported event's `recordedAt` cannot be kept, or undefined. An ISO 8601 instant with an
 * offset, as the catalogue's times are, within what every store can hold: PostgreSQL's
 * `timestamptz` refuses year 0000 and offsets beyond ±15:59 (real ones stop at ±14:00).
 */
function recordedAtFault(recordedAt: unknown): string | undefined {
  if (recordedAt === undefined) return undefined;
  const reason = 'must be an ISO 8601 instant with an offset, from year 0001 (2026-03-02T09:00:00Z)';
  if (typeof recordedAt !== 'string' || !instantSchema.safeParse(recordedAt).success) return reason;
  if (recordedAt.startsWith('0000')) return reason;
  const offsetHours = /[+-](\d\d):\d\d$/.exec(recordedAt)?.[1];
  if (offsetHours !== undefined && Number(offsetHours) > 14) return `${reason}; offsets go up to ±14:00`;
  return undefined;
}

/**
 * Decides whether an append whose first event id already exists is a retry of an append that
 * succeeded. `existing` gives, for each event id of the append, where it was written (or
 * undefined). A retry writes nothing and answers like the first append did.
 *
 * Returns the revision of the retried append's last event, or undefined when none of the ids
 * exist (a fresh append). Throws when only some exist, or they sit elsewhere.
 */
export function matchRetriedAppend(
  streamId: string,
  events: readonly NewEvent[],
  existing: readonly ({ streamId: string; revision: StreamRevision } | undefined)[],
): StreamRevision | undefined {
  const first = existing[0];
  if (first === undefined) {
    const reused = existing.findIndex((found) => found !== undefined);
    if (reused >= 0) {
      throw new DuplicateEventIdError(
        events[reused]?.eventId ?? '?',
        streamId,
        'was already written by another append',
      );
    }
    return undefined;
  }
  for (const [index, found] of existing.entries()) {
    if (found === undefined || found.streamId !== streamId || found.revision !== first.revision + index) {
      throw new DuplicateEventIdError(
        events[index]?.eventId ?? '?',
        streamId,
        found === undefined
          ? 'is new, but earlier events of the same append were already written: not a clean retry'
          : `was already written to ${found.streamId} at revision ${found.revision}`,
      );
    }
  }
  return first.revision + events.length - 1;
}

/** One atomic append names each stream once: two writes to one stream would check stale revisions. */
export function assertDistinctStreams(writes: readonly StreamWrite[]): void {
  if (writes.length === 0) throw new InvalidAppendError('an append needs at least one stream write');
  const seen = new Set<string>();
  for (const write of writes) {
    if (seen.has(write.streamId)) {
      throw new InvalidAppendError(`stream ${write.streamId} appears twice in one append: merge its events`);
    }
    seen.add(write.streamId);
  }
}

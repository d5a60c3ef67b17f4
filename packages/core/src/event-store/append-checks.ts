import { compileCheck, REFUSED } from '../catalogue/compiled-check';
import type { EventCatalogue } from '../catalogue/event-catalogue';
import { EventValidationError } from '../catalogue/event-validation-error';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import { instantSchema } from '../catalogue/primitives';
import { ConcurrencyError, DuplicateEventIdError, InvalidAppendError } from './errors';
import { inputLimits } from './input-limits';
import { checkMetadata } from './metadata-check';
import { containsNul, findNul, NUL } from './nul-character';
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
  /** `data` as JSON, when the store asked for it (`{ json: true }`): what a database stores. */
  readonly dataJson: string | undefined;
};

/** What a store wants back from the checks besides the checked events. */
export interface CheckOptions {
  /**
   * Serialise each event's data (a database stores it as JSON anyway): the check for U+0000 then
   * reads the JSON instead of walking the data, and the store does not serialise it again.
   */
  readonly json?: boolean;
}

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
  options: CheckOptions = {},
): CheckedEvent[] {
  const json = options.json === true;
  const streamFault = streamIdFault(streamId);
  if (streamFault !== undefined) {
    throw new InvalidAppendError(`append to ${shownInput(streamId)}: streamId ${streamFault}`, {
      ...(typeof streamId === 'string' ? { streamId } : {}),
      field: 'streamId',
    });
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError(`append to ${shownInput(streamId)}: no events given`, { streamId, field: 'events' });
  }
  if (!isExpectedRevision(expected)) {
    throw new InvalidAppendError(
      `append to ${shownInput(streamId)}: expectedRevision ${shownInput(typeof expected === 'string' ? expected : String(expected))} is not ` +
        `'any', 'no_stream', 'stream_exists' or a revision (a whole number from 0)`,
      { streamId, field: 'expectedRevision' },
    );
  }
  // The common append is one event: no set of ids to keep.
  if (events.length === 1) {
    return [checkEvent(streamId, events[0] as NewEvent, 0, catalogue, firstRevision, undefined, json)];
  }
  const ids = new Set<string>();
  const checked: CheckedEvent[] = [];
  for (let index = 0; index < events.length; index += 1) {
    const event = checkEvent(
      streamId,
      events[index] as NewEvent,
      index,
      catalogue,
      firstRevision + index,
      undefined,
      json,
    );
    if (ids.has(event.eventId)) {
      throw new DuplicateEventIdError(event.eventId, streamId, 'appears twice in one append');
    }
    ids.add(event.eventId);
    checked.push(event);
  }
  return checked;
}

/**
 * One event of an append (or of an import), each of its fields read once, checked and copied.
 * `schemaVersion` is the version its data was written at, for an imported event (upcast here);
 * undefined for a new event, which is written at the current version, so no upcaster runs on it.
 * With `json`, the data is serialised here (see `CheckOptions`). Runs for every event a store
 * writes: no closure, no spread, no message built on the happy path.
 */
export function checkEvent(
  streamId: string,
  event: NewEvent,
  index: number | undefined,
  catalogue: EventCatalogue<LedgerEvent>,
  revision: StreamRevision,
  schemaVersion: number | undefined,
  json: boolean,
): CheckedEvent {
  if (typeof event !== 'object' || event === null) {
    throw eventFault(streamId, index, revision, undefined, 'event', 'must be an object');
  }
  const { eventId, type, data, metadata, recordedAt } = event as NewEvent & { readonly recordedAt?: unknown };
  const idFault = eventIdFault(eventId);
  if (idFault !== undefined) throw eventFault(streamId, index, revision, undefined, 'eventId', idFault);
  const current = catalogue.knows(type) ? catalogue.versionOf(type) : 1;
  const parsed = catalogue.parse({ type, data, schemaVersion: schemaVersion ?? current }, { streamId, revision });
  const dataJson = json ? JSON.stringify(parsed.data) : undefined;
  // JSON writes U+0000 as \u0000: without that text there is none; with it, the walk makes sure.
  if ((dataJson === undefined || dataJson.includes('\\u0000')) && containsNul(parsed.data)) {
    throw new EventValidationError(
      parsed.type,
      [{ path: findNul(parsed.data, 'data') ?? 'data', reason: 'text must not contain the NUL character (U+0000)' }],
      { streamId, revision },
    );
  }
  const checkedMetadata = checkMetadata(metadata);
  if (!checkedMetadata.ok) {
    throw eventFault(streamId, index, revision, eventId, checkedMetadata.field, checkedMetadata.reason);
  }
  const timeFault = recordedAtFault(recordedAt);
  if (timeFault !== undefined) throw eventFault(streamId, index, revision, eventId, 'recordedAt', timeFault);
  // One literal of fixed shape: building it costs a fraction of spreading `parsed` into it.
  return {
    type: parsed.type,
    data: parsed.data,
    eventId,
    metadata: checkedMetadata.metadata,
    recordedAt: recordedAt as string | undefined,
    schemaVersion: current,
    dataJson,
  } as CheckedEvent;
}

/** An append names the event by its index in the append; an import (no index) by its revision. */
function eventFault(
  streamId: string,
  index: number | undefined,
  revision: StreamRevision,
  eventId: string | undefined,
  field: string,
  reason: string,
): InvalidAppendError {
  const shownId = eventId === undefined ? '' : ` (${shownInput(eventId)})`;
  const where =
    index === undefined
      ? `import into ${shownInput(streamId)} at revision ${revision}`
      : `append to ${shownInput(streamId)}, event ${index}`;
  return new InvalidAppendError(`${where}${shownId}: ${field} ${reason}`, {
    streamId,
    ...(index === undefined ? {} : { eventIndex: index }),
    ...(eventId === undefined ? {} : { eventId }),
    field,
  });
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
const instantCheck = compileCheck(instantSchema);
const isInstant = (text: string): boolean =>
  instantCheck === undefined ? instantSchema.safeParse(text).success : instantCheck(text) !== REFUSED;

function recordedAtFault(recordedAt: unknown): string | undefined {
  if (recordedAt === undefined) return undefined;
  const reason = 'must be an ISO 8601 instant with an offset, from year 0001 (2026-03-02T09:00:00Z)';
  if (typeof recordedAt !== 'string' || !isInstant(recordedAt)) return reason;
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

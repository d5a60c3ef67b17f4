import type { EventCatalogue } from '../catalogue/event-catalogue';
import { EventValidationError } from '../catalogue/event-validation-error';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import { ConcurrencyError, DuplicateEventIdError, InvalidAppendError } from './errors';
import type { ExpectedRevision, NewEvent, StreamRevision, StreamWrite } from './types';

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

/** Refuses a malformed append and any event the catalogue does not accept, naming where it was. */
export function assertValidAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  catalogue: EventCatalogue<LedgerEvent>,
  firstRevision: StreamRevision,
): void {
  if (typeof streamId !== 'string' || streamId.trim() === '') {
    throw new InvalidAppendError('a stream id must be a non-empty string');
  }
  if (events.length === 0) throw new InvalidAppendError(`append to ${streamId}: no events given`);
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new InvalidAppendError(`append to ${streamId}: expected revision ${expected} is not a revision`);
  }
  const ids = new Set<string>();
  for (const [index, event] of events.entries()) {
    if (typeof event.eventId !== 'string' || event.eventId === '') {
      throw new InvalidAppendError(`append to ${streamId}: event ${index} has no eventId`);
    }
    if (ids.has(event.eventId)) {
      throw new DuplicateEventIdError(event.eventId, streamId, 'appears twice in one append');
    }
    ids.add(event.eventId);
    const location = { streamId, revision: firstRevision + index };
    catalogue.parse(event, location);
    // Every store must keep the same events: PostgreSQL's jsonb cannot hold U+0000, so none may.
    if (containsNul(event.data)) {
      throw new EventValidationError(
        event.type,
        [{ path: 'data', reason: 'text must not contain the NUL character (U+0000)' }],
        location,
      );
    }
  }
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

/** True when any string inside `value` holds U+0000. Walks the value: no JSON copy is made. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) {
    for (const key in value) {
      if (key.includes('\u0000') || containsNul((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

import { EventValidationError } from '@order-ledger/core';

/** A line of a history file as JSON.parse gives it: nothing checked yet. */
export interface RawLine {
  readonly eventId?: unknown;
  readonly streamId?: unknown;
  readonly revision?: unknown;
  readonly position?: unknown;
  readonly type?: unknown;
  readonly data?: unknown;
  readonly metadata?: unknown;
  readonly schemaVersion?: unknown;
  readonly recordedAt?: unknown;
}

/** A line parsed as JSON, or `EventValidationError` naming the file and line when it is not JSON. */
export function parseLineJson(text: string, location: { readonly file: string; readonly line: number }): RawLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new EventValidationError(
      '(unreadable)',
      [{ path: '', reason: `is not JSON: ${(error as Error).message}` }],
      location,
    );
  }
  // A line that is JSON but not an object (a number, null) has no field of an event.
  return typeof raw === 'object' && raw !== null ? (raw as RawLine) : {};
}

/**
 * Whether a line carries what every recorded event has: ids, stream, revision and position. Runs
 * for every line of a replay or an import; the words for what failed (`envelopeProblems`) only
 * when one did.
 */
export function hasEnvelope(raw: RawLine): boolean {
  return (
    typeof raw.eventId === 'string' &&
    raw.eventId !== '' &&
    typeof raw.streamId === 'string' &&
    raw.streamId !== '' &&
    Number.isSafeInteger(raw.revision) &&
    (raw.revision as number) >= 0 &&
    Number.isSafeInteger(raw.position) &&
    (raw.position as number) >= 1
  );
}

/** What is wrong with a line's envelope, field by field. */
export function envelopeProblems(raw: RawLine): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  if (typeof raw.eventId !== 'string' || raw.eventId === '')
    problems.push({ path: 'eventId', reason: 'must be a non-empty string' });
  if (typeof raw.streamId !== 'string' || raw.streamId === '')
    problems.push({ path: 'streamId', reason: 'must be a non-empty string' });
  if (!Number.isSafeInteger(raw.revision) || (raw.revision as number) < 0) {
    problems.push({ path: 'revision', reason: 'must be a whole number ≥ 0' });
  }
  if (!Number.isSafeInteger(raw.position) || (raw.position as number) < 1) {
    problems.push({ path: 'position', reason: 'must be a whole number ≥ 1' });
  }
  return problems;
}

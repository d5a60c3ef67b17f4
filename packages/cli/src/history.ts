import { utc } from '@date-fns/utc';
import type { EventStore, RecordedEvent } from '@order-ledger/core';
import { format, isValid, parse, parseISO } from 'date-fns';
import { UserError } from './cli-error';

/** Parses `--as-of` (or another date option, named in its error): a date (end of that day, UTC) or an instant. */
export function parseAsOf(value: string | undefined, option = '--as-of'): Date | undefined {
  if (value === undefined) return undefined;
  const notADate = () => new UserError(`${option} "${value}" is not a date: use 2026-03-31 or 2026-03-31T17:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A day that does not exist (2026-02-30) is refused, not rolled over into the next month.
    const day = parse(value, 'yyyy-MM-dd', new Date(0), { in: utc });
    if (!isValid(day) || format(day, 'yyyy-MM-dd', { in: utc }) !== value) throw notADate();
    return new Date(`${value}T23:59:59.999Z`);
  }
  const instant = parseISO(value, { in: utc });
  if (!isValid(instant)) throw notADate();
  return new Date(instant.getTime());
}

/** A whole number option, read strictly: "abc", "1.5" or "12x" are refused, not taken as 0 or 12. */
export function parseWholeNumber(option: string, value: string, least: number): number {
  const number = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < least) {
    throw new UserError(`${option} takes a whole number of at least ${least}, not "${value}"`);
  }
  return number;
}

/** Every event that had happened by `asOf` (business time), in global order. */
export async function readHistory(store: EventStore, asOf: Date | undefined): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const limit = asOf?.getTime();
  for await (const event of store.readAll()) {
    if (limit !== undefined && Date.parse((event.data as { at: string }).at) > limit) continue;
    events.push(event);
  }
  return events;
}

/** The latest business time in a history: "now" for a report without `--as-of`. */
export function lastMoment(events: readonly RecordedEvent[]): Date {
  let latest = 0;
  for (const event of events) latest = Math.max(latest, Date.parse((event.data as { at: string }).at));
  return new Date(latest === 0 ? Date.now() : latest);
}

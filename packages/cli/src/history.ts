import type { EventStore, RecordedEvent } from '@order-ledger/core';
import { UserError } from './cli-error';

/** Parses `--as-of`: a date (end of that day, UTC) or an instant. */
export function parseAsOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new UserError(`--as-of "${value}" is not a date: use 2026-03-31 or 2026-03-31T17:00:00Z`);
  return date;
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

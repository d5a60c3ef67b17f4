import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { RecordedEvent } from '@order-ledger/core';

/** One line of a history file: every field of the recorded event, positions as plain numbers. */
export function toJsonLine(event: RecordedEvent): string {
  return JSON.stringify({
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  });
}

/** Writes events to `file`, one per line, respecting back-pressure. Returns how many were written. */
export async function writeJsonl(
  file: string,
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let count = 0;
  try {
    for await (const event of events) {
      if (!out.write(`${toJsonLine(event)}\n`)) await once(out, 'drain');
      count += 1;
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return count;
}

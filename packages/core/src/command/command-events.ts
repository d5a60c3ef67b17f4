import type { EventStore } from '../event-store/event-store';
import type { RecordedEvent } from '../event-store/types';
import { eventIdFor, eventsOfCommand } from './command-ids';

/** Ids asked per lookup: most commands write one or two events to a stream. */
const idsPerLookup = 4;

/**
 * The events `commandId` wrote to `streamId`, without reading the stream where the store can look
 * events up by id. The ledger gives a command's events on a stream the ids `eventIdFor(commandId,
 * streamId, 0)`, `…1`, … with no gaps (every later write of that command id continues the count),
 * so they are found by asking for those ids until one is missing: one indexed lookup when the
 * command never wrote there, which is the common case. A store without the lookup (EventStoreDB)
 * reads the whole stream and filters on `metadata.commandId`, as before.
 *
 * Events carrying the command id under ids of another making (written by hand, not by the ledger,
 * `handleCommand`, the reconciler or the CLI import) are found only by the whole read.
 */
export async function eventsOfCommandIn(
  store: EventStore,
  streamId: string,
  commandId: string,
): Promise<RecordedEvent[]> {
  if (store.readEventsById === undefined) return eventsOfCommand(await store.readStream(streamId), commandId);
  const found: RecordedEvent[] = [];
  for (let first = 0; ; first += idsPerLookup) {
    const ids = Array.from({ length: idsPerLookup }, (_, index) => eventIdFor(commandId, streamId, first + index));
    const byId = new Map((await store.readEventsById(ids)).map((event) => [event.eventId, event]));
    for (const id of ids) {
      const event = byId.get(id);
      // The id spelled the same from another command and stream ("a:b" + "c" and "a" + "b:c") is not ours.
      if (event === undefined || event.streamId !== streamId || event.metadata.commandId !== commandId) return found;
      found.push(event);
    }
  }
}

import type { EventStore } from './event-store';
import type { RecordedEvent } from './types';

/** Every event of a store in global order, in memory: for tests, sweeps and small stores. */
export async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

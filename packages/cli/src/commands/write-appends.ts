import { type EventStore, eventIdFor, type LedgerEvent, type StreamWrite } from '@order-ledger/core';
import { progress } from '../progress';

/** Streams that reserve stock, then the order, then the rest: the reservation flow's order. */
function inReservationOrder(writes: readonly StreamWrite[]): StreamWrite[] {
  const rank = (write: StreamWrite): number =>
    write.events.some((event) => event.type === 'StockCommitted') ? 0 : write.streamId.startsWith('order-') ? 1 : 2;
  return [...writes].sort((a, b) => rank(a) - rank(b));
}

/**
 * Appends command-sized groups of events, each group in one atomic append where the store has one,
 * with exact expected
 * revisions and ids derived from `idPrefix`: running it again over the same groups writes nothing
 * new (each append is recognised as a retry).
 */
export async function writeAppends(
  store: EventStore,
  groups: readonly (readonly { readonly streamId: string; readonly event: LedgerEvent }[])[],
  options: { readonly idPrefix: string; readonly actor: string; readonly label: string },
): Promise<number> {
  const next = new Map<string, number>();
  const bar = progress(
    options.label,
    'events',
    groups.reduce((sum, group) => sum + group.length, 0),
  );
  let written = 0;
  try {
    for (const [index, group] of groups.entries()) {
      const commandId = `${options.idPrefix}${index}`;
      const byStream = new Map<string, LedgerEvent[]>();
      for (const { streamId, event } of group) byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
      const writes: StreamWrite[] = [...byStream].map(([streamId, events]) => {
        const first = next.get(streamId) ?? 0;
        next.set(streamId, first + events.length);
        return {
          streamId,
          expectedRevision: first === 0 ? 'no_stream' : first - 1,
          events: events.map((event, position) => ({
            ...event,
            eventId: eventIdFor(commandId, streamId, position),
            metadata: { commandId, actor: options.actor },
          })),
        };
      });
      if (writes.length === 1 && writes[0] !== undefined) {
        await store.appendToStream(writes[0].streamId, writes[0].events, {
          expectedRevision: writes[0].expectedRevision,
        });
      } else if (writes.length > 1 && store.capabilities.atomicMultiStreamAppend) {
        await store.appendToStreams(writes);
      } else {
        // No transaction across streams (EventStoreDB): one stream at a time, reservations first
        // as the ledger writes them. A run cut short mid-group is completed by running it again.
        for (const write of inReservationOrder(writes)) {
          await store.appendToStream(write.streamId, write.events, { expectedRevision: write.expectedRevision });
        }
      }
      written += group.length;
      bar.increment(group.length);
    }
  } finally {
    bar.stop();
  }
  return written;
}

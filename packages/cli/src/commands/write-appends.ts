import { type EventStore, eventIdFor, type LedgerEvent, type StreamWrite } from '@order-ledger/core';
import { progress } from '../progress';

/**
 * Appends command-sized groups of events, each group in one atomic append, with exact expected
 * revisions and ids derived from `idPrefix`: running it again over the same groups writes nothing
 * new (each append is recognised as a retry).
 */
export async function writeAppends(
  store: EventStore,
  groups: readonly (readonly { readonly streamId: string; readonly event: LedgerEvent }[])[],
  options: { readonly idPrefix: string; readonly actor: string; readonly label: string },
): Promise<number> {
  const next = new Map<string, number>();
  const bar = progress(options.label, groups.length);
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
      } else if (writes.length > 1) {
        await store.appendToStreams(writes);
      }
      written += group.length;
      bar.increment();
    }
  } finally {
    bar.stop();
  }
  return written;
}

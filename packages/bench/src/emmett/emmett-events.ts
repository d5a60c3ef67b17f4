import type { Event } from '@event-driven-io/emmett';
import { createFold, type PlacedEvent } from '@order-ledger/core/testing';

/**
 * The workload's events as Emmett takes them: `{ type, data }`, the same data our store writes.
 * Emmett adds its own envelope (a message id, the stream position) as it appends.
 */
export const emmettEvent = (placed: PlacedEvent): Event =>
  ({ type: placed.event.type, data: placed.event.data }) as unknown as Event;

/**
 * Emmett's expected stream version for an append landing at our `revision`: the number of events
 * the stream holds before it (0 for a new stream, which Emmett takes as "no stream yet").
 */
export const emmettExpectedVersion = (revision: number): bigint => BigInt(revision);

/** The stream type Emmett's own store derives from a name ("order-o1" → "order"). */
export const emmettStreamType = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));

/** One page of Emmett's global read, as both its stores return it (their "more left" flags differ in name). */
export interface EmmettPage {
  readonly messages: readonly {
    readonly type: string;
    readonly data: unknown;
    readonly metadata: { readonly streamName: string; readonly streamPosition: bigint };
  }[];
  readonly currentGlobalPosition: bigint;
  readonly more: boolean;
}

/** Emmett's side of the read benchmark: page after page from the start, through the shared fold. */
export async function emmettReadAllAndFold(readPage: (after: bigint) => Promise<EmmettPage>): Promise<void> {
  const fold = createFold();
  let after = 0n;
  for (;;) {
    const page = await readPage(after);
    for (const message of page.messages) {
      const { streamName, streamPosition } = message.metadata;
      fold.apply(message.type, streamName, Number(streamPosition) - 1, message.data);
    }
    if (!page.more) break;
    after = page.currentGlobalPosition;
  }
  if (fold.size() === 0) throw new Error('read nothing');
}

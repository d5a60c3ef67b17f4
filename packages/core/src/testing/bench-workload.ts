import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import { type SyntheticHistory, syntheticHistory } from './synthetic-history';

/** An event of the workload with the stream revision it lands at and a stable id. */
export interface PlacedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly event: LedgerEvent;
}

export interface Workload {
  readonly history: SyntheticHistory;
  /** Every event in write order, for single-event appends and for loading a store to read. */
  readonly singles: readonly PlacedEvent[];
  /** One entry per order (or stock receipt): the streams it writes, with revisions. */
  readonly wholeOrders: readonly { readonly streamId: string; readonly events: readonly PlacedEvent[] }[][];
}

function withRevisions(
  streams: readonly { streamId: string; events: readonly LedgerEvent[] }[],
  next: Map<string, number>,
  prefix: string,
  counter: { value: number },
): { streamId: string; events: PlacedEvent[] }[] {
  return streams.map(({ streamId, events }) => ({
    streamId,
    events: events.map((event) => {
      const revision = next.get(streamId) ?? 0;
      next.set(streamId, revision + 1);
      counter.value += 1;
      return { streamId, revision, eventId: `${prefix}${counter.value}`, event };
    }),
  }));
}

/** The benchmark workload: `orders` orders of the synthetic history, revisions worked out per stream. */
export function buildWorkload(orders: number): Workload {
  const history = syntheticHistory({ orders });
  const singleNext = new Map<string, number>();
  const singleCounter = { value: 0 };
  const singles = history.events.flatMap(({ streamId, event }) =>
    withRevisions([{ streamId, events: [event] }], singleNext, 's', singleCounter).flatMap((stream) => stream.events),
  );
  const wholeNext = new Map<string, number>();
  const wholeCounter = { value: 0 };
  const wholeOrders = history.wholeOrders.map((append) => withRevisions(append.streams, wholeNext, 'w', wholeCounter));
  return { history, singles, wholeOrders };
}

/** The same small fold on both sides of the read benchmark: what a projection rebuild pays per event. */
export function createFold(): {
  apply(type: string, streamId: string, revision: number, data: unknown): void;
  size(): number;
} {
  const revisions = new Map<string, number>();
  const byType = new Map<string, number>();
  return {
    apply(type, streamId, revision) {
      revisions.set(streamId, revision);
      byType.set(type, (byType.get(type) ?? 0) + 1);
    },
    size: () => revisions.size,
  };
}

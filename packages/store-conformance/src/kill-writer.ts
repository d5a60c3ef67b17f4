import type { EventStore, NewEvent } from '@order-ledger/core';

/** The events of the `index`-th append a kill-test writer makes: three, so a half-written one shows. */
export function writerBatch(index: number): { streamId: string; events: NewEvent[] } {
  const sku = `KILL-${index % 7}`;
  return {
    streamId: `stock-${sku}`,
    events: [0, 1, 2].map((part) => ({
      eventId: `kill-${index}-${part}`,
      type: 'StockAdjusted',
      data: {
        at: '2026-03-02T09:00:00Z',
        sku,
        delta: part + 1,
        reason: 'received',
        note: `append ${index} part ${part}`,
      },
    })),
  };
}

/**
 * The body of a writer process: appends batch after batch, printing `ack N` on stdout only once
 * append N has resolved, until it is killed. Run it from a small script that opens the store.
 */
export async function runKillWriter(store: EventStore): Promise<never> {
  for (let index = 0; ; index += 1) {
    const { streamId, events } = writerBatch(index);
    await store.appendToStream(streamId, events);
    process.stdout.write(`ack ${index}\n`);
  }
}

import type { RecordedEvent } from '@order-ledger/core';

/**
 * `total` events made by repeating a history again and again, each round with fresh order ids and
 * event ids and its dates moved past the previous round's, positions 1…total: a long history
 * whose orders keep settling, as a shop's years would. The SKU streams carry on across rounds.
 */
export function* repeatedHistory(history: readonly RecordedEvent[], total: number): Generator<RecordedEvent> {
  const at = (event: RecordedEvent | undefined) => Date.parse((event?.data as { at: string } | undefined)?.at ?? '');
  const lastAt = Math.max(...history.slice(-1000).map(at));
  const shift = lastAt - at(history[0]) + 86_400_000;
  let position = 0;
  for (let round = 0; position < total; round += 1) {
    for (const event of history) {
      if (position >= total) return;
      position += 1;
      const data = { ...(event.data as Record<string, unknown>) };
      data.at = new Date(Date.parse(data.at as string) + round * shift).toISOString();
      if (typeof data.orderId === 'string') data.orderId = `${data.orderId}-r${round}`;
      const streamId = event.streamId.startsWith('order-') ? `${event.streamId}-r${round}` : event.streamId;
      yield { ...event, data, streamId, eventId: `${event.eventId}-r${round}`, position } as RecordedEvent;
    }
  }
}

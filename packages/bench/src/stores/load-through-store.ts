import { type EventStore, OrderLedger, type StreamWrite, streamKindOf } from '@order-ledger/core';
import type { Workload } from '@order-ledger/core/testing';
import { expectedBefore, toNew } from './placed-writes';

/**
 * Writes a whole history through a store's own `appendToStreams`, as a shop's store would hold it
 * (every event validated, every index and table the store keeps maintained), `ordersPerCall`
 * orders per call: each call carries every event those orders wrote, grouped by stream, expecting
 * each stream where the previous call left it. Much faster than one call per order, and the
 * result is the same store.
 *
 * Then every SKU is loaded once through `OrderLedger`, which leaves its stock snapshot where the
 * store keeps them: a store written by the ledger over months has one for every SKU it sold, and
 * without them the first command on each SKU folds that SKU's whole history (about 10 ms at 50,000
 * orders), which a row timing new orders would count as the steady cost it is not.
 */
export async function loadThroughStore(store: EventStore, workload: Workload, ordersPerCall = 200): Promise<void> {
  const appends = workload.wholeOrders;
  for (let from = 0; from < appends.length; from += ordersPerCall) {
    const byStream = new Map<string, StreamWrite & { events: StreamWrite['events'][number][] }>();
    for (const append of appends.slice(from, from + ordersPerCall)) {
      for (const stream of append) {
        let write = byStream.get(stream.streamId);
        if (write === undefined) {
          write = {
            streamId: stream.streamId,
            events: [],
            expectedRevision: expectedBefore(stream.events[0]?.revision ?? 0),
          };
          byStream.set(stream.streamId, write);
        }
        write.events.push(...stream.events.map(toNew));
      }
    }
    await store.appendToStreams([...byStream.values()]);
  }
  const ledger = new OrderLedger(store);
  for (const sku of skusOf(workload)) await ledger.stock(sku);
}

/** Every SKU the workload moves stock of. */
function skusOf(workload: Workload): Set<string> {
  const skus = new Set<string>();
  for (const { streamId, event } of workload.singles) {
    if (streamKindOf(streamId) === 'stock') skus.add((event.data as { readonly sku: string }).sku);
  }
  return skus;
}

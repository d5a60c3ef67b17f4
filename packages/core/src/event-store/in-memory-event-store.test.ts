import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import { InMemoryEventStore } from './in-memory-event-store';
import type { FollowMessage, NewEvent } from './types';

const adjusted = (eventId: string, delta = 1): NewEvent => ({
  eventId,
  type: 'StockAdjusted',
  data: { at: '2026-03-02T09:00:00Z', sku: 'MUG', delta, reason: 'received' },
});

async function all(store: InMemoryEventStore, after = 0) {
  const events = [];
  for await (const event of store.readAll({ after })) events.push(event);
  return events;
}

/**
 * The in-memory store's own behaviour. The full contract (every expected-revision case,
 * concurrency, large batches…) is the conformance suite's, which every store runs.
 */
describe('InMemoryEventStore', () => {
  it('numbers revisions from 0 and positions in global order', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('stock-MUG', [adjusted('a'), adjusted('b')], { expectedRevision: 'no_stream' });
    const result = await store.appendToStream('stock-TEA', [adjusted('c')]);
    expect(result).toEqual({ streamId: 'stock-TEA', nextExpectedRevision: 0, position: 3 });
    expect((await store.readStream('stock-MUG')).map((event) => [event.revision, event.position])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect((await all(store, 1)).map((event) => event.eventId)).toEqual(['b', 'c']);
    expect(await store.readStream('stock-NONE')).toEqual([]);
  });

  it('refuses a conflicting append with the real revision, and changes nothing', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('stock-MUG', [adjusted('a')]);
    await expect(
      store.appendToStream('stock-MUG', [adjusted('b')], { expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      expected: 'no_stream',
      actual: 0,
    });
    expect(store.size).toBe(1);
    await store.appendToStream('stock-MUG', [adjusted('b')], { expectedRevision: 0 });
    expect(store.size).toBe(2);
  });

  it('writes several streams atomically: one refused write refuses them all', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('stock-TEA', [adjusted('t')]);
    const writes = [
      { streamId: 'stock-MUG', events: [adjusted('m')], expectedRevision: 'no_stream' as const },
      { streamId: 'stock-TEA', events: [adjusted('t2')], expectedRevision: 5 },
    ];
    await expect(store.appendToStreams(writes)).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      streamId: 'stock-TEA',
    });
    expect(store.size).toBe(1);
  });

  it('refuses an invalid event with the stream and revision it would have had, and writes none of the batch', async () => {
    const store = new InMemoryEventStore();
    const bad = {
      ...adjusted('x'),
      data: { at: 'yesterday', sku: 'MUG', delta: 1, reason: 'received' },
    } as NewEvent<LedgerEvent>;
    await expect(store.appendToStream('stock-MUG', [adjusted('a'), bad])).rejects.toThrow(
      /invalid StockAdjusted event \(stream stock-MUG, revision 1\): data\.at/,
    );
    expect(store.size).toBe(0);
  });

  it('treats a repeated append of the same event ids as a retry', async () => {
    const store = new InMemoryEventStore();
    const first = await store.appendToStream('stock-MUG', [adjusted('a'), adjusted('b')], {
      expectedRevision: 'no_stream',
    });
    const again = await store.appendToStream('stock-MUG', [adjusted('a'), adjusted('b')], {
      expectedRevision: 'no_stream',
    });
    expect(again).toEqual(first);
    expect(store.size).toBe(2);
    await expect(store.appendToStream('stock-MUG', [adjusted('b'), adjusted('c')])).rejects.toMatchObject({
      code: 'DUPLICATE_EVENT_ID',
    });
  });

  it('follows: history first, caught-up, then each new event', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('stock-MUG', [adjusted('a')]);
    const controller = new AbortController();
    const seen: FollowMessage[] = [];
    const following = (async () => {
      for await (const message of store.follow({ signal: controller.signal })) {
        seen.push(message);
        if (message.kind === 'caught-up' && seen.length === 1 + 1) {
          await store.appendToStream('stock-MUG', [adjusted('b')]);
        }
        if (message.kind === 'event' && message.event.eventId === 'b') controller.abort();
      }
    })();
    await following;
    expect(seen.map((message) => (message.kind === 'event' ? message.event.eventId : message.kind))).toEqual([
      'a',
      'caught-up',
      'b',
    ]);
  });

  it('refuses use after close', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.readStream('x')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });
});

import { describe, expect, it } from 'vitest';
import { stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { readAllEvents } from './read-helpers';
import { withStore } from './with-store';

export function concurrencySuite(harness: StoreHarness): void {
  const racers = harness.racers ?? 20;

  describe(`${harness.name}: concurrency, retries and atomicity`, () => {
    it(`${racers} concurrent appends expecting the same revision: exactly one wins`, async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted()]);
        const attempts = await Promise.allSettled(
          Array.from({ length: racers }, () => store.appendToStream('s', [stockAdjusted()], { expectedRevision: 0 })),
        );
        const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const attempt of attempts) {
          if (attempt.status === 'rejected')
            expect(attempt.reason).toMatchObject({ code: 'CONCURRENCY_CONFLICT', actual: 1 });
        }
        expect((await store.readStream('s')).map((event) => event.revision)).toEqual([0, 1]);
      });
    });

    it(`${racers} concurrent "no stream" appends: exactly one creates the stream`, async () => {
      await withStore(harness, async (store) => {
        const attempts = await Promise.allSettled(
          Array.from({ length: racers }, () =>
            store.appendToStream('fresh', [stockAdjusted()], { expectedRevision: 'no_stream' }),
          ),
        );
        expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream('fresh')).toHaveLength(1);
      });
    });

    it('concurrent appends to different streams all land, each stream dense', async () => {
      await withStore(harness, async (store) => {
        await Promise.all(
          Array.from({ length: racers }, (_, index) =>
            store.appendToStream(`s${index % 4}`, [stockAdjusted(), stockAdjusted()]),
          ),
        );
        for (let stream = 0; stream < 4; stream += 1) {
          const revisions = (await store.readStream(`s${stream}`)).map((event) => event.revision);
          expect(revisions).toEqual(revisions.map((_, index) => index));
        }
        expect(await readAllEvents(store)).toHaveLength(racers * 2);
      });
    });

    it('a multi-stream append that repeats one part and adds another is refused whole, not half taken as a retry', async () => {
      await withStore(harness, async (store) => {
        if (!store.capabilities.atomicMultiStreamAppend) return;
        const first = stockAdjusted();
        await store.appendToStream('a', [first], { expectedRevision: 'no_stream' });
        await expect(
          store.appendToStreams([
            { streamId: 'a', events: [first], expectedRevision: 'no_stream' },
            { streamId: 'b', events: [stockAdjusted()], expectedRevision: 'no_stream' },
          ]),
        ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 'a', actual: 0 });
        expect(await store.readStream('a')).toHaveLength(1);
        expect(await store.readStream('b')).toEqual([]);
      });
    });

    it('a retried append (same event ids) writes nothing and answers as the first did', async () => {
      await withStore(harness, async (store) => {
        const events = [stockAdjusted(), stockAdjusted()];
        const first = await store.appendToStream('s', events, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream('s', events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        expect(await store.readStream('s')).toHaveLength(2);
        // With no revision expected the retry is recognised by its ids alone.
        const more = [stockAdjusted(), stockAdjusted()];
        const firstAny = await store.appendToStream('s', more);
        expect(await store.appendToStream('s', more)).toEqual(firstAny);
        expect(await store.readStream('s')).toHaveLength(4);
      });
    });

    it('an event id reused for another event is refused', async () => {
      await withStore(harness, async (store) => {
        const [a, b] = [stockAdjusted(), stockAdjusted()];
        await store.appendToStream('s', [a, b]);
        await expect(store.appendToStream('s', [b, stockAdjusted()])).rejects.toMatchObject({
          code: 'DUPLICATE_EVENT_ID',
        });
        // A store that recognises ids per stream (EventStoreDB) catches only the reuse above.
        if (!store.capabilities.uniqueEventIds) {
          expect(await readAllEvents(store)).toHaveLength(2);
          return;
        }
        await expect(store.appendToStream('other', [a])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        await expect(store.appendToStream('s', [stockAdjusted(), a])).rejects.toMatchObject({
          code: 'DUPLICATE_EVENT_ID',
        });
        expect(await readAllEvents(store)).toHaveLength(2);
      });
    });

    it('appends to several streams atomically: all land, or none', async () => {
      await withStore(harness, async (store) => {
        if (!store.capabilities.atomicMultiStreamAppend) {
          await expect(
            store.appendToStreams([
              { streamId: 'a', events: [stockAdjusted()], expectedRevision: 'any' },
              { streamId: 'b', events: [stockAdjusted()], expectedRevision: 'any' },
            ]),
          ).rejects.toMatchObject({ code: 'STORE_UNSUPPORTED' });
          return;
        }
        await store.appendToStream('b', [stockAdjusted()]);
        const results = await store.appendToStreams([
          { streamId: 'a', events: [stockAdjusted(), stockAdjusted()], expectedRevision: 'no_stream' },
          { streamId: 'b', events: [stockAdjusted()], expectedRevision: 0 },
        ]);
        expect(results.map((result) => [result.streamId, result.nextExpectedRevision])).toEqual([
          ['a', 1],
          ['b', 1],
        ]);
        const before = await readAllEvents(store);
        await expect(
          store.appendToStreams([
            { streamId: 'c', events: [stockAdjusted()], expectedRevision: 'no_stream' },
            { streamId: 'b', events: [stockAdjusted()], expectedRevision: 0 },
          ]),
        ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 'b', actual: 1 });
        expect(await readAllEvents(store)).toEqual(before);
        expect(await store.readStream('c')).toEqual([]);
      });
    });

    it('refuses one stream named twice in an atomic append', async () => {
      await withStore(harness, async (store) => {
        if (!store.capabilities.atomicMultiStreamAppend) return;
        await expect(
          store.appendToStreams([
            { streamId: 'a', events: [stockAdjusted()], expectedRevision: 'any' },
            { streamId: 'a', events: [stockAdjusted()], expectedRevision: 'any' },
          ]),
        ).rejects.toMatchObject({ code: 'APPEND_INVALID' });
      });
    });
  });
}

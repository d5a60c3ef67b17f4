import { describe, expect, it } from 'vitest';
import { stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { withStore } from './with-store';

export function expectedRevisionSuite(harness: StoreHarness): void {
  describe(`${harness.name}: expected revision`, () => {
    it('"no stream" on a new stream is accepted', async () => {
      await withStore(harness, async (store) => {
        await expect(
          store.appendToStream('s', [stockAdjusted()], { expectedRevision: 'no_stream' }),
        ).resolves.toMatchObject({
          nextExpectedRevision: 0,
        });
      });
    });

    it('"no stream" on an existing stream is refused', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted()]);
        await expect(
          store.appendToStream('s', [stockAdjusted()], { expectedRevision: 'no_stream' }),
        ).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT',
          streamId: 's',
          expected: 'no_stream',
          actual: 0,
        });
      });
    });

    it('"stream exists" is refused on a missing stream and accepted on an existing one', async () => {
      await withStore(harness, async (store) => {
        await expect(
          store.appendToStream('s', [stockAdjusted()], { expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT',
          actual: 'no_stream',
        });
        await store.appendToStream('s', [stockAdjusted()]);
        await expect(
          store.appendToStream('s', [stockAdjusted()], { expectedRevision: 'stream_exists' }),
        ).resolves.toMatchObject({
          nextExpectedRevision: 1,
        });
      });
    });

    it('an exact revision is accepted when it is the stream’s last', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted(), stockAdjusted()]);
        await expect(store.appendToStream('s', [stockAdjusted()], { expectedRevision: 1 })).resolves.toMatchObject({
          nextExpectedRevision: 2,
        });
      });
    });

    it('a conflict error carries the stream’s real current revision', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted(), stockAdjusted(), stockAdjusted()]);
        await expect(store.appendToStream('s', [stockAdjusted()], { expectedRevision: 0 })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT',
          expected: 0,
          actual: 2,
        });
        await expect(store.appendToStream('missing', [stockAdjusted()], { expectedRevision: 4 })).rejects.toMatchObject(
          {
            code: 'CONCURRENCY_CONFLICT',
            expected: 4,
            actual: 'no_stream',
          },
        );
      });
    });

    it('a rejected append leaves the stream exactly as it was, and the next append with the right revision succeeds', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted(), stockAdjusted()]);
        const before = await store.readStream('s');
        await expect(
          store.appendToStream('s', [stockAdjusted(), stockAdjusted()], { expectedRevision: 0 }),
        ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
        expect(await store.readStream('s')).toEqual(before);
        const next = stockAdjusted();
        await expect(store.appendToStream('s', [next], { expectedRevision: 1 })).resolves.toMatchObject({
          nextExpectedRevision: 2,
        });
        expect((await store.readStream('s')).map((event) => event.eventId)).toEqual([
          ...before.map((event) => event.eventId),
          next.eventId,
        ]);
      });
    });

    it('"any" appends whatever the stream holds', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted()], { expectedRevision: 'any' });
        await store.appendToStream('s', [stockAdjusted()]);
        expect(await store.readStream('s')).toHaveLength(2);
      });
    });
  });
}

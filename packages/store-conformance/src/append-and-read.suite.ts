import { describe, expect, it } from 'vitest';
import { stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { withStore } from './with-store';

export function appendAndReadSuite(harness: StoreHarness): void {
  describe(`${harness.name}: append and read`, () => {
    it('reads back what was appended, revisions from 0, positions increasing', async () => {
      await withStore(harness, async (store) => {
        const events = [stockAdjusted('MUG', 3), stockAdjusted('MUG', -1)];
        const result = await store.appendToStream('stock-MUG', events, { expectedRevision: 'no_stream' });
        expect(result.streamId).toBe('stock-MUG');
        expect(result.nextExpectedRevision).toBe(1);
        const read = await store.readStream('stock-MUG');
        expect(read.map((event) => event.revision)).toEqual([0, 1]);
        expect(read.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
        expect(read.map((event) => event.data)).toEqual(events.map((event) => event.data));
        expect(read.every((event) => event.streamId === 'stock-MUG' && event.schemaVersion === 1)).toBe(true);
        expect(read[1]?.position).toBeGreaterThan(read[0]?.position ?? Number.POSITIVE_INFINITY);
        expect(result.position).toBe(read[1]?.position);
        expect(Number.isNaN(Date.parse(read[0]?.recordedAt ?? ''))).toBe(false);
      });
    });

    it('keeps metadata as given', async () => {
      await withStore(harness, async (store) => {
        const event = { ...stockAdjusted(), metadata: { commandId: 'cmd-7', actor: 'sam', attempt: 2, urgent: true } };
        await store.appendToStream('stock-MUG', [event]);
        expect((await store.readStream('stock-MUG'))[0]?.metadata).toEqual(event.metadata);
      });
    });

    it('keeps a recordedAt given by an import, and stamps its own otherwise', async () => {
      await withStore(harness, async (store) => {
        const imported = { ...stockAdjusted(), recordedAt: '2024-01-15T15:23:45.123Z' };
        await store.appendToStream('s', [imported, stockAdjusted()]);
        const [first, second] = await store.readStream('s');
        expect(first?.recordedAt).toBe('2024-01-15T15:23:45.123Z');
        expect(Date.parse(second?.recordedAt ?? '')).toBeGreaterThan(Date.parse('2025-01-01T00:00:00Z'));
      });
    });

    it('reads a missing stream as empty', async () => {
      await withStore(harness, async (store) => {
        expect(await store.readStream('order-never-placed')).toEqual([]);
      });
    });

    it('reads part of a stream from a revision, up to a count', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream(
          'stock-MUG',
          Array.from({ length: 6 }, () => stockAdjusted()),
        );
        const part = await store.readStream('stock-MUG', { fromRevision: 2, maxCount: 3 });
        expect(part.map((event) => event.revision)).toEqual([2, 3, 4]);
      });
    });

    it('serialises positions and revisions to JSON as plain numbers', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('stock-MUG', [stockAdjusted()]);
        const [event] = await store.readStream('stock-MUG');
        const parsed = JSON.parse(JSON.stringify(event)) as { position: unknown; revision: unknown };
        expect(typeof parsed.position).toBe('number');
        expect(parsed.revision).toBe(0);
      });
    });
  });
}

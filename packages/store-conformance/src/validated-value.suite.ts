import type { NewEvent } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { orderPlaced, stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { readAllEvents } from './read-helpers';
import { withStore } from './with-store';

/**
 * One rule for every store: what an append validated is exactly what it stores. The catalogue's
 * parsed value (unknown keys stripped) is written, never the caller's object, which could hold
 * junk the catalogue did not look at, or answer differently the second time it is read.
 */
export function validatedValueSuite(harness: StoreHarness): void {
  describe(`${harness.name}: the validated value is the stored value`, () => {
    it('drops fields the catalogue does not know, at every depth of the data', async () => {
      await withStore(harness, async (store) => {
        const clean = orderPlaced('o-7');
        const junk = 'x'.repeat(100_000);
        const dirty = {
          ...clean,
          data: {
            ...clean.data,
            junk,
            lines: clean.data.lines.map((line) => ({ ...line, junk })),
            delivery: { ...clean.data.delivery, junk },
          },
        } as NewEvent;
        await store.appendToStream('order-o-7', [dirty]);
        const [read] = await store.readStream('order-o-7');
        expect(read?.data).toEqual(clean.data);
        expect(JSON.stringify(read?.data)).not.toContain('junk');
        const [fromAll] = await readAllEvents(store);
        expect(fromAll?.data).toEqual(clean.data);
      });
    });

    it('stores the value it checked, even when a getter answers differently the second time', async () => {
      await withStore(harness, async (store) => {
        let reads = 0;
        const data = {
          at: '2026-03-02T09:00:00Z',
          sku: 'MUG',
          reason: 'received',
          get delta(): number {
            reads += 1;
            return reads === 1 ? 1 : 1.5;
          },
        };
        const event = { eventId: `getter-${harness.name}`, type: 'StockAdjusted', data } as NewEvent;
        await store.appendToStream('stock-MUG', [event]);
        const [read] = await store.readStream('stock-MUG');
        expect(read?.data).toEqual({ at: '2026-03-02T09:00:00Z', sku: 'MUG', reason: 'received', delta: 1 });
      });
    });

    it('stores the value it checked, not what toJSON would give', async () => {
      await withStore(harness, async (store) => {
        const checked = { at: '2026-03-02T09:00:00Z', sku: 'MUG', delta: 2, reason: 'received' as const };
        const data = { ...checked, toJSON: () => ({ ...checked, delta: 2.5, smuggled: true }) };
        await store.appendToStream('stock-MUG', [{ eventId: `tojson-${harness.name}`, type: 'StockAdjusted', data }]);
        const [read] = await store.readStream('stock-MUG');
        expect(read?.data).toStrictEqual(checked);
      });
    });

    it('keeps what was appended when the caller changes its objects afterwards', async () => {
      await withStore(harness, async (store) => {
        const event = { ...stockAdjusted('MUG', 3), metadata: { commandId: 'c-1', actor: 'sam' } };
        const data = event.data as { delta: number };
        const metadata = event.metadata as { actor: string };
        await store.appendToStream('stock-MUG', [event]);
        data.delta = 99;
        metadata.actor = 'mallory';
        const [read] = await store.readStream('stock-MUG');
        expect(read?.data).toMatchObject({ delta: 3 });
        expect(read?.metadata).toStrictEqual({ commandId: 'c-1', actor: 'sam' });
      });
    });

    it('takes metadata only as a plain object of strings, finite numbers and booleans', async () => {
      await withStore(harness, async (store) => {
        const refusals: [string, unknown, string][] = [
          ['an array', ['a'], 'metadata'],
          ['a string', 'commandId=1', 'metadata'],
          ['a class instance', new Date(0), 'metadata'],
          ['a nested object', { nested: { a: 1 } }, 'metadata.nested'],
          ['a function (toJSON)', { toJSON: () => ({}) }, 'metadata.toJSON'],
          ['NaN', { attempt: Number.NaN }, 'metadata.attempt'],
          ['a non-string command id', { commandId: 7 }, 'metadata.commandId'],
          ['a non-boolean stockFollows', { stockFollows: 'yes' }, 'metadata.stockFollows'],
        ];
        for (const [label, metadata, field] of refusals) {
          const event = { ...stockAdjusted(), metadata } as unknown as NewEvent;
          await expect(store.appendToStream('stock-MUG', [event]), label).rejects.toMatchObject({
            code: 'APPEND_INVALID',
            streamId: 'stock-MUG',
            eventIndex: 0,
            eventId: event.eventId,
            field,
          });
        }
        expect(await readAllEvents(store)).toEqual([]);
        // A getter in metadata is read once: the value stored is the value checked.
        let reads = 0;
        const metadata = {
          get actor(): string {
            reads += 1;
            return reads === 1 ? 'sam' : 'x'.repeat(100_000);
          },
        };
        await store.appendToStream('stock-MUG', [{ ...stockAdjusted(), metadata }]);
        expect((await store.readStream('stock-MUG'))[0]?.metadata).toStrictEqual({ actor: 'sam' });
      });
    });
  });
}

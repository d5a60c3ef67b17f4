import type { NewEvent } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { readAllEvents } from './read-helpers';
import { withStore } from './with-store';

export function inputSuite(harness: StoreHarness): void {
  describe(`${harness.name}: large batches, unicode, bad input`, () => {
    it('appends a batch of 5,000 events in one atomic call', async () => {
      await withStore(harness, async (store) => {
        const events = Array.from({ length: 5000 }, () => stockAdjusted());
        const result = await store.appendToStream('big', events, { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(4999);
        const read = await store.readStream('big');
        expect(read).toHaveLength(5000);
        expect(read.at(-1)?.eventId).toBe(events.at(-1)?.eventId);
      });
    });

    it('keeps unicode exactly, in stream ids and in data', async () => {
      await withStore(harness, async (store) => {
        const sku = 'CAFÉ-茶-☕-مرحبا-\u{1F375}';
        const event: NewEvent = {
          eventId: `ü-${Date.now()}`,
          type: 'StockAdjusted',
          data: {
            at: '2026-03-02T09:00:00Z',
            sku,
            delta: 2,
            reason: 'other',
            note: 'Zoë’s “special” order — 𝄞 \\ "quoted" \t tab',
          },
        };
        await store.appendToStream(`stock-${sku}`, [event]);
        const [read] = await store.readStream(`stock-${sku}`);
        expect(read?.data).toEqual(event.data);
        expect(read?.eventId).toBe(event.eventId);
        expect(read?.streamId).toBe(`stock-${sku}`);
        // U+0000 is refused by every store alike (PostgreSQL's jsonb cannot hold it).
        const nul = { ...stockAdjusted(), data: { ...event.data, note: 'a\u0000b' } } as NewEvent;
        await expect(store.appendToStream('s', [nul])).rejects.toMatchObject({ code: 'EVENT_INVALID' });
      });
    });

    it('refuses an invalid event, naming the field, and writes none of its batch', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted()]);
        const bad = {
          eventId: 'bad-1',
          type: 'Paid',
          data: {
            at: '2026-03-02T09:00:00Z',
            paymentId: 'p',
            amount: { amount: 100, currency: 'EUD' },
            method: 'card',
          },
        } as NewEvent;
        await expect(store.appendToStream('s', [stockAdjusted(), bad])).rejects.toMatchObject({
          code: 'EVENT_INVALID',
          eventType: 'Paid',
          issues: [{ path: 'data.amount.currency', reason: expect.stringContaining('ISO 4217') }],
          location: { streamId: 's', revision: 2 },
        });
        expect(await readAllEvents(store)).toHaveLength(1);
      });
    });

    it('refuses an unknown event type and a malformed append, changing nothing', async () => {
      await withStore(harness, async (store) => {
        await expect(
          store.appendToStream('s', [{ eventId: 'x', type: 'OrderTeleported', data: {} } as unknown as NewEvent]),
        ).rejects.toMatchObject({ code: 'EVENT_UNKNOWN_TYPE' });
        await expect(store.appendToStream('s', [])).rejects.toMatchObject({ code: 'APPEND_INVALID' });
        await expect(store.appendToStream('', [stockAdjusted()])).rejects.toMatchObject({ code: 'APPEND_INVALID' });
        await expect(store.appendToStream('s', [stockAdjusted()], { expectedRevision: -3 })).rejects.toMatchObject({
          code: 'APPEND_INVALID',
        });
        const twice = stockAdjusted();
        await expect(store.appendToStream('s', [twice, twice])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        expect(await readAllEvents(store)).toEqual([]);
      });
    });
  });
}

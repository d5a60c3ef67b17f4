import { describe, expect, it } from 'vitest';
import { stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { followUntil, labels, readAllEvents } from './read-helpers';
import { withStore } from './with-store';

export function globalOrderSuite(harness: StoreHarness): void {
  describe(`${harness.name}: read all and follow`, () => {
    it('reads every stream in global order, positions strictly increasing', async () => {
      await withStore(harness, async (store) => {
        const written: string[] = [];
        for (const sku of ['A', 'B', 'A', 'C', 'B']) {
          const event = stockAdjusted(sku);
          written.push(event.eventId);
          await store.appendToStream(`stock-${sku}`, [event]);
        }
        const all = await readAllEvents(store);
        expect(all.map((event) => event.eventId)).toEqual(written);
        for (let index = 1; index < all.length; index += 1) {
          expect(all[index]?.position).toBeGreaterThan(all[index - 1]?.position ?? Number.POSITIVE_INFINITY);
        }
      });
    });

    it('resumes after a position: exclusive, and exactly the rest', async () => {
      await withStore(harness, async (store) => {
        for (let index = 0; index < 7; index += 1) await store.appendToStream(`s${index % 3}`, [stockAdjusted()]);
        const all = await readAllEvents(store);
        const cut = all[3]?.position ?? 0;
        expect((await readAllEvents(store, cut)).map((event) => event.eventId)).toEqual(
          all.slice(4).map((event) => event.eventId),
        );
        expect(await readAllEvents(store, all.at(-1)?.position)).toEqual([]);
        const limited = [];
        for await (const event of store.readAll({ maxCount: 2 })) limited.push(event.eventId);
        expect(limited).toEqual(all.slice(0, 2).map((event) => event.eventId));
      });
    });

    it('reads more than one page of a long history in order', async () => {
      await withStore(harness, async (store) => {
        for (let chunk = 0; chunk < 5; chunk += 1) {
          await store.appendToStream(
            `s${chunk}`,
            Array.from({ length: 700 }, () => stockAdjusted()),
          );
        }
        const all = await readAllEvents(store);
        expect(all).toHaveLength(3500);
        expect(new Set(all.map((event) => event.eventId)).size).toBe(3500);
      });
    });

    it('follows: history, then caught-up, then each new event in order', async () => {
      await withStore(harness, async (store) => {
        const first = stockAdjusted();
        await store.appendToStream('s', [first]);
        const later = [stockAdjusted(), stockAdjusted()];
        const seen = await followUntil(
          store,
          {},
          (messages) => labels(messages).includes(later[1]?.eventId ?? ''),
          async (message, messages) => {
            if (message.kind === 'caught-up' && messages.filter((m) => m.kind === 'caught-up').length === 1) {
              await store.appendToStream('s', [later[0] ?? stockAdjusted()]);
              await store.appendToStream('t', [later[1] ?? stockAdjusted()]);
            }
          },
        );
        const events = labels(seen).filter((label) => label !== 'caught-up');
        expect(events).toEqual([first.eventId, ...later.map((event) => event.eventId)]);
        expect(seen[1]?.kind).toBe('caught-up');
      });
    });

    it('follows from a position, exclusive, and says when it has caught up', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted(), stockAdjusted(), stockAdjusted()]);
        const all = await readAllEvents(store);
        const seen = await followUntil(store, { after: all[0]?.position ?? 0 }, (messages) =>
          messages.some((message) => message.kind === 'caught-up'),
        );
        expect(labels(seen)).toEqual([all[1]?.eventId, all[2]?.eventId, 'caught-up']);
        const caughtUp = seen.at(-1);
        expect(caughtUp?.kind === 'caught-up' ? caughtUp.position : -1).toBe(all[2]?.position);
      });
    });
  });
}

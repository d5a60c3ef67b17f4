import {
  type EventStore,
  evolveStock,
  foldRecorded,
  initialStockState,
  type LedgerCommand,
  OrderLedger,
  type RecordedEvent,
  type StockEvent,
  type StockState,
  stockSnapshotFold,
  stockStreamId,
} from '@order-ledger/core';
import { fixtureProducts, ledgerScenarioArbitrary, runScenario } from '@order-ledger/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoreHarness } from './harness';
import { withStore } from './with-store';

/** The reference: every event of the stream folded from the first, no snapshot anywhere. */
async function fullFold(store: EventStore, sku: string): Promise<StockState> {
  const events = (await store.readStream(stockStreamId(sku))) as RecordedEvent<StockEvent>[];
  return foldRecorded({ initialState: initialStockState, evolve: evolveStock }, events).state;
}

const physical = fixtureProducts.filter((product) => product.kind === 'physical').map((product) => product.sku);
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();
const receive = (sku: string, delta: number, minute = 0): LedgerCommand => ({
  type: 'AdjustStock',
  sku,
  at: at(minute),
  delta,
  reason: 'received',
});
const place = (orderId: string, sku: string, quantity: number, minute = 0): LedgerCommand => ({
  type: 'PlaceOrder',
  orderId,
  customerId: 'ada',
  at: at(minute),
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku, quantity, unitPrice: { amount: 1800, currency: 'EUR' }, kind: 'physical' }],
  delivery: { method: 'pickup' },
});

/**
 * A long life of one SKU through the ledger: stock received, orders placed, picked up, cancelled,
 * recounted; `orders` orders, about three events each on the SKU stream.
 */
async function longLife(ledger: OrderLedger, sku: string, orders: number): Promise<void> {
  await ledger.execute(receive(sku, orders * 2));
  for (let index = 0; index < orders; index += 1) {
    const orderId = `${sku}-${index}`;
    const quantity = 1 + (index % 2);
    await ledger.execute(place(orderId, sku, quantity, index));
    if (index % 5 === 4) await ledger.execute({ type: 'CancelOrder', orderId, at: at(index), reason: 'customer' });
    else if (index % 3 !== 0) {
      const amount = { amount: 1800 * quantity, currency: 'EUR' };
      await ledger.execute({ type: 'Pay', orderId, at: at(index), paymentId: 'p', amount, method: 'card' });
      await ledger.execute({ type: 'MarkPickedUp', orderId, at: at(index) });
    }
    if (index % 11 === 10) {
      await ledger.execute({ type: 'RecountStock', sku, at: at(index), counted: (await ledger.stock(sku)).onHand });
    }
  }
}

/** Snapshot contract tests need a store that keeps snapshots; others run on the fallback too. */
function snapshotsOf(store: EventStore, skip: (note: string) => void) {
  if (store.snapshots === undefined) skip('this store keeps no snapshots (it folds every stream from the start)');
  return store.snapshots as NonNullable<EventStore['snapshots']>;
}

/**
 * Loading a SKU's stock the fast way (a snapshot and the events after it, a command's own events
 * looked up by id) must give exactly what folding the whole stream gives, whatever snapshots the
 * store holds: many, made by an older fold, stale, or corrupt. A store without snapshots runs the
 * ledger tests on its fallback (the whole stream); the snapshot contract tests are skipped there.
 */
export function snapshotsSuite(harness: StoreHarness): void {
  const numRuns = harness.lawRuns ?? 15;

  describe(`${harness.name}: a SKU's stock loaded from its snapshot`, () => {
    it('equals a full fold of the stream after every command of random histories, snapshots every few events', async () => {
      await fc.assert(
        fc.asyncProperty(
          ledgerScenarioArbitrary({ maxSteps: 40 }),
          fc.integer({ min: 1, max: 5 }),
          async (scenario, snapshotEvery) => {
            await withStore(harness, async (store) => {
              await runScenario(
                scenario,
                store,
                async (step, ledger) => {
                  const touched = new Set(
                    step.events
                      .filter((event) => event.streamId.startsWith('stock-'))
                      .map((event) => event.streamId.slice('stock-'.length)),
                  );
                  for (const sku of touched) expect(await ledger.stock(sku)).toEqual(await fullFold(store, sku));
                },
                { snapshotEvery },
              );
              const ledger = new OrderLedger(store, { policy: scenario.policy, snapshotEvery });
              for (const sku of physical) expect(await ledger.stock(sku)).toEqual(await fullFold(store, sku));
            });
          },
        ),
        { numRuns },
      );
    });

    it('equals a full fold after a long life of many snapshots, and decides as a full fold would', async () => {
      await withStore(harness, async (store) => {
        const ledger = new OrderLedger(store, { snapshotEvery: 7 });
        await longLife(ledger, 'CANDLE', 60);
        const events = await store.readStream(stockStreamId('CANDLE'));
        expect(events.length).toBeGreaterThan(100);
        const expected = await fullFold(store, 'CANDLE');
        expect(await ledger.stock('CANDLE')).toEqual(expected);
        // A decision made on the loaded state: exactly what is available can be promised, not one more.
        await expect(ledger.execute(place('one-too-many', 'CANDLE', expected.available + 1))).rejects.toMatchObject({
          code: 'OUT_OF_STOCK',
        });
        await ledger.execute(place('all-of-it', 'CANDLE', expected.available));
        expect(await ledger.stock('CANDLE')).toMatchObject({ available: 0 });
        expect(await ledger.stock('CANDLE')).toEqual(await fullFold(store, 'CANDLE'));
        if (store.snapshots !== undefined) {
          const kept = await store.snapshots.readFromSnapshot(
            stockStreamId('CANDLE'),
            stockSnapshotFold.name,
            stockSnapshotFold.version,
          );
          // The fast way was taken: the load started from a snapshot near the end, not from the start.
          expect(kept.snapshot?.revision).toBeGreaterThan(events.length - 10);
          expect(kept.events.length).toBeLessThan(10);
        }
      });
    });

    it('a snapshot made by an older version of the fold is never used, and is replaced', async ({ skip }) => {
      await withStore(harness, async (store) => {
        const snapshots = snapshotsOf(store, skip);
        const ledger = new OrderLedger(store, { snapshotEvery: 4 });
        await longLife(ledger, 'MUG-BLUE', 5);
        const streamId = stockStreamId('MUG-BLUE');
        const last = (await store.readStream(streamId)).at(-1) as RecordedEvent;
        // What an older fold might have kept: the right event, a state this fold would not make.
        await snapshots.saveSnapshot({
          streamId,
          fold: stockSnapshotFold.name,
          version: 'an older fold',
          revision: last.revision,
          eventId: last.eventId,
          state: { ...(await fullFold(store, 'MUG-BLUE')), onHand: 999, available: 999 },
        });
        const asRead = await snapshots.readFromSnapshot(streamId, stockSnapshotFold.name, stockSnapshotFold.version);
        expect(asRead.snapshot).toBeUndefined();
        expect(asRead.events).toEqual(await store.readStream(streamId));

        expect(await ledger.stock('MUG-BLUE')).toEqual(await fullFold(store, 'MUG-BLUE'));
        const replaced = await snapshots.readFromSnapshot(streamId, stockSnapshotFold.name, stockSnapshotFold.version);
        expect(replaced.snapshot).toMatchObject({ revision: last.revision, eventId: last.eventId });
        expect(replaced.snapshot?.state).toEqual(JSON.parse(JSON.stringify(await fullFold(store, 'MUG-BLUE'))));
      });
    });

    it('a stale or corrupt snapshot is never used: the events decide, and it is replaced', async ({ skip }) => {
      await withStore(harness, async (store) => {
        const snapshots = snapshotsOf(store, skip);
        const ledger = new OrderLedger(store, { snapshotEvery: 1_000 });
        await longLife(ledger, 'TEA-250', 6);
        const streamId = stockStreamId('TEA-250');
        const events = await store.readStream(streamId);
        const last = events.at(-1) as RecordedEvent;
        const truth = await fullFold(store, 'TEA-250');
        const plenty = { ...truth, onHand: truth.onHand + 50, available: truth.available + 50 };
        const bad: [string, { revision: number; eventId: string; state: unknown }][] = [
          ['another event at its revision', { revision: 2, eventId: 'not-the-event-at-2', state: plenty }],
          ['a revision past the end', { revision: last.revision + 5, eventId: last.eventId, state: plenty }],
          ['a state of the wrong shape', { revision: last.revision, eventId: last.eventId, state: { onHand: 'x' } }],
          [
            'a sum that does not hold',
            { revision: last.revision, eventId: last.eventId, state: { ...truth, available: 1 } },
          ],
          ['no state', { revision: last.revision, eventId: last.eventId, state: null }],
        ];
        for (const [what, snapshot] of bad) {
          const version = stockSnapshotFold.version;
          await snapshots.saveSnapshot({ streamId, fold: stockSnapshotFold.name, version, ...snapshot });
          expect(await ledger.stock('TEA-250'), what).toEqual(truth);
          const kept = await snapshots.readFromSnapshot(streamId, stockSnapshotFold.name, version);
          expect(kept.snapshot, what).toMatchObject({ revision: last.revision, eventId: last.eventId });
        }
        // A decision never trusts a bad snapshot: the units it claims are not there to promise.
        await snapshots.saveSnapshot({
          streamId,
          fold: stockSnapshotFold.name,
          version: stockSnapshotFold.version,
          revision: 1,
          eventId: 'not-the-event-at-1',
          state: plenty,
        });
        await expect(ledger.execute(place('greedy', 'TEA-250', truth.available + 1))).rejects.toMatchObject({
          code: 'OUT_OF_STOCK',
        });
      });
    });

    it('a command id is recognised on a SKU stream long after a snapshot passed its events', async () => {
      await withStore(harness, async (store) => {
        const ledger = new OrderLedger(store, { snapshotEvery: 2 });
        await ledger.execute(receive('CANDLE', 40), { commandId: 'receive-once' });
        const first = await ledger.execute(place('o1', 'CANDLE', 1), { commandId: 'shared-id' });
        await longLife(ledger, 'CANDLE', 8);
        // The same stock command again: a retry, answered with its first events.
        const again = await ledger.execute(receive('CANDLE', 40), { commandId: 'receive-once' });
        expect(again.alreadyHandled).toBe(true);
        expect(again.events.map((event) => event.eventId)).toEqual([`receive-once:${stockStreamId('CANDLE')}:0`]);
        // The same order command again: its events on the order and on the SKU, as first written.
        const retried = await ledger.execute(place('o1', 'CANDLE', 1), { commandId: 'shared-id' });
        expect(retried).toEqual({ events: first.events, alreadyHandled: true });
        // The id reused for another order of the same SKU: refused, not half taken as a retry.
        await expect(ledger.execute(place('o2', 'CANDLE', 1), { commandId: 'shared-id' })).rejects.toMatchObject({
          code: 'COMMAND_ID_REUSED',
        });
        await expect(ledger.execute(receive('CANDLE', 3), { commandId: 'receive-once' })).rejects.toMatchObject({
          code: 'COMMAND_ID_REUSED',
        });
        expect(await ledger.stock('CANDLE')).toEqual(await fullFold(store, 'CANDLE'));
      });
    });

    it('reads events by id: the recorded events, from any stream, ids with no event left out', async ({ skip }) => {
      await withStore(harness, async (store) => {
        if (store.readEventsById === undefined) skip('this store has no index of event ids');
        const ledger = new OrderLedger(store);
        await longLife(ledger, 'MUG-GREEN', 3);
        const recorded = [
          ...(await store.readStream(stockStreamId('MUG-GREEN'))),
          ...(await store.readStream('order-MUG-GREEN-1')),
        ];
        const ids = recorded.map((event) => event.eventId);
        const found = await store.readEventsById?.([...ids, 'no-such-event', ids[0] as string]);
        const byPosition = (a: RecordedEvent, b: RecordedEvent) => a.position - b.position;
        expect([...(found ?? [])].sort(byPosition)).toEqual([...recorded].sort(byPosition));
        expect(await store.readEventsById?.([])).toEqual([]);
      });
    });

    it('keeps snapshots: the last save wins, whatever its revision; each fold and stream apart', async ({ skip }) => {
      await withStore(harness, async (store) => {
        const snapshots = snapshotsOf(store, skip);
        const ledger = new OrderLedger(store, { snapshotEvery: 1_000 });
        await longLife(ledger, 'CANDLE', 4);
        const streamId = stockStreamId('CANDLE');
        const events = await store.readStream(streamId);
        const at = (revision: number) => events[revision] as RecordedEvent;
        const save = (revision: number, fold = 'test-fold', version = 'v1') =>
          snapshots.saveSnapshot({
            streamId,
            fold,
            version,
            revision,
            eventId: at(revision).eventId,
            state: { revision, nested: { list: [1, 'two', null] } },
          });
        expect(await snapshots.readFromSnapshot(streamId, 'test-fold', 'v1')).toEqual({ snapshot: undefined, events });
        await save(5);
        await save(3);
        await save(6, 'another-fold');
        const read = await snapshots.readFromSnapshot(streamId, 'test-fold', 'v1');
        expect(read).toEqual({
          snapshot: {
            streamId,
            fold: 'test-fold',
            version: 'v1',
            revision: 3,
            eventId: at(3).eventId,
            state: { revision: 3, nested: { list: [1, 'two', null] } },
          },
          events: events.slice(3),
        });
        expect((await snapshots.readFromSnapshot(streamId, 'another-fold', 'v1')).snapshot?.revision).toBe(6);
        expect(await snapshots.readFromSnapshot(streamId, 'test-fold', 'v2')).toEqual({ snapshot: undefined, events });
        expect(await snapshots.readFromSnapshot('stock-NONE', 'test-fold', 'v1')).toEqual({
          snapshot: undefined,
          events: [],
        });
      });
    });
  });
}

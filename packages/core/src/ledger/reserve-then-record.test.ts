import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import { readEverything } from '../event-store/read-everything';
import type { StreamWrite } from '../event-store/types';
import type { CancelOrder, PlaceOrder } from '../order/order-commands';
import { OrderLedger } from './order-ledger';
import { findLedgerGaps, reconcileLedger } from './reconcile-ledger';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const place: PlaceOrder = {
  type: 'PlaceOrder',
  orderId: 'o1',
  customerId: 'ada',
  at: '2026-03-02T09:00:00Z',
  currency: 'EUR',
  lines: [
    { lineId: 'l1', sku: 'MUG', quantity: 2, unitPrice: eur(1800), kind: 'physical' },
    { lineId: 'l2', sku: 'TEA', quantity: 1, unitPrice: eur(900), kind: 'physical' },
  ],
  delivery: { method: 'pickup' },
};
const cancel: CancelOrder = { type: 'CancelOrder', orderId: 'o1', at: '2026-03-02T10:00:00Z', reason: 'customer' };
const receive = (sku: string, delta: number) =>
  ({ type: 'AdjustStock', sku, at: '2026-03-01T09:00:00Z', delta, reason: 'received' }) as const;

/**
 * Once armed, stops "the process" at the first append that `dies` picks: it and every later
 * append fail, as if the writer were killed there. `revive` is a new process on the same store.
 */
function mortalStore(dies: (writes: readonly StreamWrite[]) => boolean) {
  let armed = false;
  let dead = false;
  const store = new InMemoryEventStore({
    atomicMultiStreamAppend: false,
    beforeAppend: (writes) => {
      if (armed && !dead && dies(writes)) dead = true;
      if (dead) throw new Error('the process died here');
    },
  });
  return {
    store,
    arm: () => {
      armed = true;
    },
    revive: () => {
      armed = false;
      dead = false;
    },
  };
}

async function typesInOrder(store: InMemoryEventStore): Promise<string[]> {
  return (await readEverything(store)).map((event) => `${event.streamId}:${event.type}`);
}

const later = new Date('2100-01-01T00:00:00Z');

describe('the reservation flow (stores without atomic multi-stream appends)', () => {
  it('reserves every SKU before recording the order, and ends where an atomic store ends', async () => {
    const store = new InMemoryEventStore({ atomicMultiStreamAppend: false });
    const atomic = new InMemoryEventStore();
    for (const target of [store, atomic]) {
      const ledger = new OrderLedger(target);
      await ledger.execute(receive('MUG', 5));
      await ledger.execute(receive('TEA', 3));
      await ledger.execute(place);
    }
    expect((await typesInOrder(store)).slice(2)).toEqual([
      'stock-MUG:StockCommitted',
      'stock-TEA:StockCommitted',
      'order-o1:OrderPlaced',
    ]);
    const [ours, theirs] = [new OrderLedger(store), new OrderLedger(atomic)];
    expect(await ours.order('o1')).toEqual(await theirs.order('o1'));
    expect(await ours.stock('MUG')).toEqual(await theirs.stock('MUG'));
    expect(await findLedgerGaps(store, { asOf: later })).toEqual({
      orphanedReservations: [],
      missingStockMovements: [],
    });
  });

  it('releases what it reserved when the order cannot be recorded, and says why it failed', async () => {
    const store = new InMemoryEventStore({
      atomicMultiStreamAppend: false,
      beforeAppend: (writes) => {
        if (writes[0]?.streamId === 'order-o1') throw new Error('order stream refused');
      },
    });
    const ledger = new OrderLedger(store);
    await ledger.execute(receive('MUG', 5));
    await ledger.execute(receive('TEA', 3));
    await expect(ledger.execute(place)).rejects.toThrow('order stream refused');
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 0, available: 5 });
    expect(await ledger.stock('TEA')).toMatchObject({ committed: 0, available: 3 });
    const mug = await store.readStream('stock-MUG');
    expect(mug.map((event) => event.type)).toEqual(['StockAdjusted', 'StockCommitted', 'StockReleased']);
    expect(mug[2]).toMatchObject({ data: { cause: 'abandoned' }, metadata: { compensates: mug[1]?.eventId } });
    expect((await findLedgerGaps(store, { asOf: later })).orphanedReservations).toEqual([]);
  });

  it('a reservation left by a process that died before recording its order is found after the grace period, and released once', async () => {
    const { store, arm, revive } = mortalStore((writes) => writes[0]?.streamId === 'stock-TEA');
    const ledger = new OrderLedger(store);
    await ledger.execute(receive('MUG', 5));
    await ledger.execute(receive('TEA', 3));
    arm();
    await expect(ledger.execute(place)).rejects.toMatchObject({ code: 'COMMAND_INCOMPLETE' });
    revive();
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 2, available: 3 });

    const justNow = await findLedgerGaps(store, { asOf: new Date(), graceMinutes: 15 });
    expect(justNow.orphanedReservations).toEqual([]);
    const gaps = await findLedgerGaps(store, { asOf: later });
    expect(gaps.orphanedReservations).toEqual([
      expect.objectContaining({ sku: 'MUG', orderId: 'o1', lineId: 'l1', quantity: 2 }),
    ]);

    await reconcileLedger(store, { asOf: later });
    await reconcileLedger(store, { asOf: later });
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 0, available: 5 });
    const releases = (await store.readStream('stock-MUG')).filter((event) => event.type === 'StockReleased');
    expect(releases).toHaveLength(1);
    expect(await findLedgerGaps(store, { asOf: later })).toEqual({
      orphanedReservations: [],
      missingStockMovements: [],
    });
    // The order can be placed again, and nothing is left over.
    await ledger.execute(place);
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 2, available: 3 });
  });

  it('a retried command after a conflict reserves again under new ids, and its first reservation stays released', async () => {
    const store = new InMemoryEventStore({ atomicMultiStreamAppend: false });
    const ledger = new OrderLedger(store);
    await ledger.execute(receive('MUG', 5));
    await ledger.execute(receive('TEA', 3));
    // Someone else writes the order stream between our reservation and our order append, once.
    let interfered = false;
    const racing = new OrderLedger(
      Object.assign(Object.create(store) as InMemoryEventStore, {
        capabilities: store.capabilities,
        readStream: store.readStream.bind(store),
        readEventsById: store.readEventsById.bind(store),
        readAll: store.readAll.bind(store),
        appendToStream: async (...args: Parameters<InMemoryEventStore['appendToStream']>) => {
          if (args[0] === 'order-o1' && !interfered) {
            interfered = true;
            await new OrderLedger(store).execute({ ...place, lines: [place.lines[0] as PlaceOrder['lines'][0]] });
          }
          return store.appendToStream(...args);
        },
      }),
    );
    await expect(racing.execute(place)).rejects.toMatchObject({ code: 'ORDER_ALREADY_EXISTS' });
    expect(await ledger.stock('TEA')).toMatchObject({ committed: 0 });
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 2 });
    expect(await findLedgerGaps(store, { asOf: later })).toEqual({
      orphanedReservations: [],
      missingStockMovements: [],
    });
  });

  it('stock movements lost when the process died after recording the order are completed by running the command again', async () => {
    const { store, arm, revive } = mortalStore(
      (writes) => writes[0]?.streamId === 'stock-TEA' && writes[0].events[0]?.type === 'StockReleased',
    );
    const ledger = new OrderLedger(store);
    await ledger.execute(receive('MUG', 5));
    await ledger.execute(receive('TEA', 3));
    await ledger.execute(place);
    arm();
    await expect(ledger.execute(cancel, { commandId: 'cancel-1' })).rejects.toThrow('the process died here');
    revive();
    expect((await ledger.order('o1')).status).toBe('cancelled');
    expect(await ledger.stock('TEA')).toMatchObject({ committed: 1 });
    expect((await findLedgerGaps(store, { asOf: later })).missingStockMovements).toEqual([
      { orderId: 'o1', commandId: 'cancel-1', skus: ['TEA'] },
    ]);

    const again = await ledger.execute(cancel, { commandId: 'cancel-1' });
    expect(again.alreadyHandled).toBe(true);
    expect(await ledger.stock('TEA')).toMatchObject({ committed: 0, available: 3 });
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 0, available: 5 });
    expect(await findLedgerGaps(store, { asOf: later })).toEqual({
      orphanedReservations: [],
      missingStockMovements: [],
    });
  });

  it('the reconciler completes lost stock movements too, once however often it runs', async () => {
    const { store, arm, revive } = mortalStore(
      (writes) => writes[0]?.streamId === 'stock-MUG' && writes[0].events[0]?.type === 'StockReleased',
    );
    const ledger = new OrderLedger(store);
    await ledger.execute(receive('MUG', 5));
    await ledger.execute(receive('TEA', 3));
    await ledger.execute(place);
    arm();
    await expect(ledger.execute(cancel)).rejects.toThrow('the process died here');
    revive();
    await reconcileLedger(store, { asOf: later });
    await reconcileLedger(store, { asOf: later });
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 0, available: 5 });
    expect(await ledger.stock('TEA')).toMatchObject({ committed: 0, available: 3 });
    const released = (await store.readStream('stock-MUG')).filter((event) => event.type === 'StockReleased');
    expect(released).toHaveLength(1);
    expect(released[0]?.data).toMatchObject({ cause: 'cancelled', quantity: 2 });
  });

  it('a reservation released by a reconciler while its command was still running is made again once the order is recorded', async () => {
    const store = new InMemoryEventStore({ atomicMultiStreamAppend: false });
    const setup = new OrderLedger(store);
    await setup.execute(receive('MUG', 5));
    await setup.execute(receive('TEA', 3));
    // A reconciler with no grace period runs exactly between the reservation and the order.
    const slow = Object.assign(Object.create(store) as InMemoryEventStore, {
      capabilities: store.capabilities,
      readStream: store.readStream.bind(store),
      readEventsById: store.readEventsById.bind(store),
      readAll: store.readAll.bind(store),
      appendToStream: async (...args: Parameters<InMemoryEventStore['appendToStream']>) => {
        if (args[0] === 'order-o1') await reconcileLedger(store, { graceMinutes: 0, asOf: later });
        return store.appendToStream(...args);
      },
    });
    await new OrderLedger(slow).execute(place, { commandId: 'place-1' });
    expect(await setup.stock('MUG')).toMatchObject({ committed: 0 });
    expect((await findLedgerGaps(store, { asOf: later })).missingStockMovements).toEqual([
      { orderId: 'o1', commandId: 'place-1', skus: ['MUG', 'TEA'] },
    ]);
    const report = await reconcileLedger(store, { asOf: later });
    expect(report.refused).toEqual([]);
    expect(await setup.stock('MUG')).toMatchObject({ committed: 2, available: 3 });
    expect(await setup.stock('TEA')).toMatchObject({ committed: 1, available: 2 });
    expect(await findLedgerGaps(store, { asOf: later })).toEqual({
      orphanedReservations: [],
      missingStockMovements: [],
    });
  });

  it('releases orphans of different commands on one SKU each under its own command id, once', async () => {
    const { store, arm, revive } = mortalStore((writes) => writes[0]?.streamId.startsWith('order-') === true);
    const ledger = new OrderLedger(store);
    await ledger.execute(receive('MUG', 5));
    await ledger.execute(receive('TEA', 3));
    for (const [orderId, commandId] of [
      ['o1', 'place-a'],
      ['o2', 'place-b'],
    ] as const) {
      arm();
      await expect(ledger.execute({ ...place, orderId }, { commandId })).rejects.toMatchObject({
        code: 'COMMAND_INCOMPLETE',
      });
      revive();
    }
    await reconcileLedger(store, { asOf: later });
    await reconcileLedger(store, { asOf: later });
    const releases = (await store.readStream('stock-MUG')).filter((event) => event.type === 'StockReleased');
    expect(releases.map((event) => [event.data, event.metadata.commandId])).toEqual([
      [expect.objectContaining({ orderId: 'o1', cause: 'abandoned' }), 'place-a'],
      [expect.objectContaining({ orderId: 'o2', cause: 'abandoned' }), 'place-b'],
    ]);
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 0, available: 5 });
  });
});

import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { type FollowMessage, OrderLedger } from '@order-ledger/core';
import { followUntil, labels, readAllEvents, stockAdjusted } from '@order-ledger/store-conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { esdbEventId } from './event-ids';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { EsdbTestServer, type EsdbTestServerOptions } from './testing/esdb-test-server';

/** Everything opened in a test, closed after it whatever happens. */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

async function serverAndStore(
  options: EsdbTestServerOptions = {},
): Promise<{ server: EsdbTestServer; store: EventStoreDbEventStore }> {
  const server = await EsdbTestServer.start(options);
  opened.push({ close: () => server.stop() });
  const store = EventStoreDbEventStore.connect(server.connectionString, {
    resubscribe: { initialDelayMs: 20, maxDelayMs: 200 },
  });
  opened.push(store);
  return { server, store };
}

describe('EventStoreDB store: what only EventStoreDB does', () => {
  it('maps a conflicting append both ways: our expected revision out, the real revision back', async () => {
    const { server, store } = await serverAndStore();
    await store.appendToStream('s', [stockAdjusted(), stockAdjusted()], { expectedRevision: 'no_stream' });
    await expect(store.appendToStream('s', [stockAdjusted()], { expectedRevision: 0 })).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      streamId: 's',
      expected: 0,
      actual: 1,
    });
    await expect(store.appendToStream('s', [stockAdjusted()], { expectedRevision: 'no_stream' })).rejects.toMatchObject(
      {
        code: 'CONCURRENCY_CONFLICT',
        actual: 1,
      },
    );
    await expect(
      store.appendToStream('t', [stockAdjusted()], { expectedRevision: 'stream_exists' }),
    ).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      actual: 'no_stream',
    });
    // Revisions from 0 on the server too.
    expect(server.log.records.filter((record) => record.streamId === 's').map((record) => record.revision)).toEqual([
      0n,
      1n,
    ]);
  });

  it('appends through the client’s plain Append call when the server offers no BatchAppend', async () => {
    const { store } = await serverAndStore({ batchAppend: false });
    const events = [stockAdjusted(), stockAdjusted()];
    const first = await store.appendToStream('s', events, { expectedRevision: 'no_stream' });
    expect(await store.appendToStream('s', events, { expectedRevision: 'no_stream' })).toEqual(first);
    await expect(store.appendToStream('s', [stockAdjusted()], { expectedRevision: 0 })).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      actual: 1,
    });
    expect((await store.readStream('s')).map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
  });

  it('sends deterministic UUIDs, so an append whose acknowledgement was lost is not written twice when retried', async () => {
    const { server, store } = await serverAndStore();
    const events = [stockAdjusted(), stockAdjusted()];
    server.failNextAppends(1, { afterWrite: true });
    await expect(store.appendToStream('s', events, { expectedRevision: 'no_stream' })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    expect(server.log.records).toHaveLength(2);
    const retried = await store.appendToStream('s', events, { expectedRevision: 'no_stream' });
    expect(retried.nextExpectedRevision).toBe(1);
    expect(server.log.records.map((record) => record.id)).toEqual(events.map((event) => esdbEventId(event.eventId)));
    expect((await store.readStream('s')).map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
  });

  it('an append the server refused before writing can simply be sent again', async () => {
    const { server, store } = await serverAndStore();
    server.failNextAppends(1);
    await expect(store.appendToStream('s', [stockAdjusted()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(server.log.records).toHaveLength(0);
    await store.appendToStream('s', [stockAdjusted()]);
    expect(await store.readStream('s')).toHaveLength(1);
  });

  it('reads a missing stream as empty, and names a deleted or tombstoned one', async () => {
    const { store } = await serverAndStore();
    expect(await store.readStream('never-written')).toEqual([]);
    await store.appendToStream('soft', [stockAdjusted()]);
    await store.deleteStream('soft');
    await expect(store.readStream('soft')).rejects.toMatchObject({
      code: 'STREAM_DELETED',
      streamId: 'soft',
      how: 'deleted',
    });
    await store.appendToStream('gone', [stockAdjusted()]);
    await store.tombstoneStream('gone');
    await expect(store.readStream('gone')).rejects.toMatchObject({ code: 'STREAM_DELETED', how: 'tombstoned' });
    await expect(store.appendToStream('gone', [stockAdjusted()])).rejects.toMatchObject({
      code: 'STREAM_DELETED',
      streamId: 'gone',
    });
  });

  it('reads only our events from $all: no system events, no checkpoint streams, no metadata streams', async () => {
    const { server, store } = await serverAndStore();
    const client = EventStoreDBClient.connectionString(server.connectionString);
    opened.push({ close: () => client.dispose() });
    await store.appendToStream('s', [stockAdjusted()]);
    await client.appendToStream('$system-thing', [jsonEvent({ type: '$statsCollected', data: {} })]);
    await client.setStreamMetadata('s', { maxAge: 3600 });
    await store.checkpoints.saveCheckpoint('board', 10, { version: 1 });
    await store.appendToStream('s', [stockAdjusted()]);
    expect(server.log.records.length).toBeGreaterThan(4);
    const events = await readAllEvents(store);
    expect(events.map((event) => event.streamId)).toEqual(['s', 's']);
    const followed = await followUntil(store, {}, (seen) => seen.some((message) => message.kind === 'caught-up'));
    expect(followed.filter((message) => message.kind === 'event')).toHaveLength(2);
  });

  it('stores with different namespaces share one database and never see each other', async () => {
    const server = await EsdbTestServer.start();
    opened.push({ close: () => server.stop() });
    const [shopA, shopB] = ['shop-a/', 'shop-b/'].map((namespace) => {
      const store = EventStoreDbEventStore.connect(server.connectionString, { namespace });
      opened.push(store);
      return store;
    }) as [EventStoreDbEventStore, EventStoreDbEventStore];
    await shopA.appendToStream('stock-MUG', [stockAdjusted()]);
    await shopB.appendToStream('stock-MUG', [stockAdjusted(), stockAdjusted()], { expectedRevision: 'no_stream' });
    await shopA.checkpoints.saveCheckpoint('board', 1, { version: 1 });
    expect(server.log.records.map((record) => record.streamId)).toContain('shop-b/stock-MUG');
    expect(await shopA.readStream('stock-MUG')).toHaveLength(1);
    expect((await readAllEvents(shopB)).map((event) => [event.streamId, event.revision])).toEqual([
      ['stock-MUG', 0],
      ['stock-MUG', 1],
    ]);
    expect(await shopB.checkpoints.loadCheckpoint('board')).toBeUndefined();
    const followed = await followUntil(shopA, {}, (seen) => seen.some((message) => message.kind === 'caught-up'));
    expect(labels(followed)).toHaveLength(2);
    await expect(shopA.appendToStream('stock-MUG', [stockAdjusted()], { expectedRevision: 5 })).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      streamId: 'stock-MUG',
      actual: 0,
    });
  });

  it('positions are commit positions: increasing, not contiguous, and plain JSON numbers to resume from', async () => {
    const { store } = await serverAndStore();
    for (let index = 0; index < 5; index += 1) await store.appendToStream(`s${index % 2}`, [stockAdjusted()]);
    const events = await readAllEvents(store);
    const positions = events.map((event) => event.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(positions.some((position, index) => index > 0 && position !== (positions[index - 1] ?? 0) + 1)).toBe(true);
    const resumeFrom = JSON.parse(JSON.stringify({ position: positions[2] })) as { position: number };
    expect((await readAllEvents(store, resumeFrom.position)).map((event) => event.eventId)).toEqual(
      events.slice(3).map((event) => event.eventId),
    );
  });

  it('keeps a projection checkpoint in a stream of its own whose metadata keeps only the latest', async () => {
    const { server, store } = await serverAndStore();
    await store.checkpoints.saveCheckpoint('board', 100, { version: 1, state: { orders: 1 } });
    await store.checkpoints.saveCheckpoint('board', 200, { version: 1, expected: 100, state: { orders: 2 } });
    expect(await store.checkpoints.loadCheckpoint('board')).toEqual({
      name: 'board',
      position: 200,
      version: 1,
      state: { orders: 2 },
    });
    expect(server.log.metadataOf('order-ledger-checkpoint-board')).toMatchObject({ $maxCount: 1 });
    expect(server.log.visible('order-ledger-checkpoint-board')).toHaveLength(1);
    await expect(store.checkpoints.saveCheckpoint('board', 300, { version: 1, expected: 100 })).rejects.toMatchObject({
      code: 'CHECKPOINT_CONFLICT',
      actual: 200,
    });
    await store.checkpoints.deleteCheckpoint('board');
    expect(await store.checkpoints.loadCheckpoint('board')).toBeUndefined();
  });

  it('a follower resubscribes after the server drops every connection, and misses and repeats nothing', async () => {
    const { server, store } = await serverAndStore();
    const before = [stockAdjusted(), stockAdjusted()];
    await store.appendToStream('s', before);
    const after = [stockAdjusted(), stockAdjusted()];
    let restarted = false;
    const seen = await followUntil(
      store,
      { timeoutMs: 15_000 },
      (messages) => messages.filter((message) => message.kind === 'event').length >= 4,
      async (message: FollowMessage, messages) => {
        if (message.kind !== 'caught-up' || restarted || messages.length < 2) return;
        restarted = true;
        // The server goes away for a moment; events are appended as soon as it is back.
        await server.restart({ downForMs: 100 });
        await store.appendToStream('s', after);
      },
    );
    expect(restarted).toBe(true);
    expect(server.subscriptionsOpened).toBeGreaterThanOrEqual(2);
    const events = labels(seen).filter((label) => label !== 'caught-up');
    expect(events).toEqual([...before, ...after].map((event) => event.eventId));
  });

  it('a follower gives up with STORE_UNAVAILABLE once resubscribing has failed as often as allowed', async () => {
    const server = await EsdbTestServer.start();
    const store = EventStoreDbEventStore.connect(server.connectionString, {
      resubscribe: { initialDelayMs: 10, maxDelayMs: 20, maxAttempts: 2 },
    });
    opened.push(store);
    await store.appendToStream('s', [stockAdjusted()]);
    const follow = store.follow()[Symbol.asyncIterator]();
    expect((await follow.next()).value).toMatchObject({ kind: 'event' });
    expect((await follow.next()).value).toMatchObject({ kind: 'caught-up' });
    await server.stop();
    await expect(follow.next()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('refuses appends across streams, and the ledger keeps orders and stock right by reserving first', async () => {
    const { store } = await serverAndStore();
    await expect(
      store.appendToStreams([
        { streamId: 'a', events: [stockAdjusted()], expectedRevision: 'any' },
        { streamId: 'b', events: [stockAdjusted()], expectedRevision: 'any' },
      ]),
    ).rejects.toMatchObject({ code: 'STORE_UNSUPPORTED' });
    const ledger = new OrderLedger(store);
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at: '2026-03-01T09:00:00Z', delta: 3, reason: 'received' });
    await ledger.execute({
      type: 'PlaceOrder',
      orderId: 'o1',
      customerId: 'ada',
      at: '2026-03-02T09:00:00Z',
      currency: 'EUR',
      lines: [
        { lineId: 'l1', sku: 'MUG', quantity: 2, unitPrice: { amount: 1800, currency: 'EUR' }, kind: 'physical' },
      ],
      delivery: { method: 'pickup' },
    });
    expect((await readAllEvents(store)).map((event) => event.type)).toEqual([
      'StockAdjusted',
      'StockCommitted',
      'OrderPlaced',
    ]);
    expect(await ledger.stock('MUG')).toMatchObject({ committed: 2, available: 1 });
  });
});

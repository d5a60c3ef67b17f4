import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '@order-ledger/core';
import { EventStoreDbEventStore } from '@order-ledger/store-eventstoredb';
import { EsdbTestServer } from '@order-ledger/store-eventstoredb/testing';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import { describe, expect, it } from 'vitest';
import { describeQuickstart, runQuickstart } from './quickstart';

describe('the quickstart week', () => {
  it('ends the same on the SQLite default as in memory', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'quickstart-'));
    const store = SqliteEventStore.open(join(folder, 'shop.db'));
    try {
      const onFile = await runQuickstart(store);
      const inMemory = await runQuickstart(new InMemoryEventStore());
      expect(onFile).toEqual(inMemory);
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('ends the same on EventStoreDB (the real client, the in-process test server) as in memory', async () => {
    const server = await EsdbTestServer.start();
    const store = EventStoreDbEventStore.connect(server.connectionString, { namespace: 'quickstart/' });
    try {
      expect(await runQuickstart(store)).toEqual(await runQuickstart(new InMemoryEventStore()));
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('ends with the orders, money and stock a shopkeeper would expect', async () => {
    const result = await runQuickstart(new InMemoryEventStore());
    const [ada, grace, linus] = result.orders;
    expect(ada).toMatchObject({ status: 'done', paymentStatus: 'partially_refunded', refunded: { amount: 1800 } });
    expect(grace).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(linus).toMatchObject({ status: 'received', paymentStatus: 'partially_paid' });
    // Mugs: 10 in, 4 shipped to Ada, Grace's 2 released, 1 broken. Tea: 6 in, 1 shipped, recount found 4, Linus holds 5.
    expect(
      result.stock.map(({ sku, onHand, committed, available }) => ({ sku, onHand, committed, available })),
    ).toEqual([
      { sku: 'MUG-BLUE', onHand: 5, committed: 0, available: 5 },
      { sku: 'TEA-250', onHand: 4, committed: 5, available: -1 },
    ]);
    expect(result.refusals).toEqual([expect.stringContaining('cannot be set out for pickup before it is paid')]);
    expect(describeQuickstart(result)).toContain('#1002 grace  cancelled');
  });
});

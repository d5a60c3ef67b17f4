import { rmSync } from 'node:fs';
import type { EventStore } from '@order-ledger/core';
import { EventStoreDbEventStore } from '@order-ledger/store-eventstoredb';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import { describeQuickstart, runQuickstart } from './quickstart';

/**
 * The embedded default: one SQLite file, started afresh each run so the story reads the same.
 * With EVENTSTORE_URL set (esdb://localhost:2113?tls=false), the same week goes to EventStoreDB
 * instead, in a namespace of its own per run: the ledger code does not change, only the store.
 */
function openStore(): { store: EventStore; where: string } {
  const url = process.env.EVENTSTORE_URL;
  if (url !== undefined && url !== '') {
    const namespace = `quickstart-${Date.now().toString(36)}/`;
    return { store: EventStoreDbEventStore.connect(url, { namespace }), where: `${url}, namespace ${namespace}` };
  }
  const file = process.env.ORDER_LEDGER_DEMO_FILE ?? '.order-ledger/quickstart.db';
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return { store: SqliteEventStore.open(file), where: file };
}

const { store, where } = openStore();
try {
  process.stdout.write(`${describeQuickstart(await runQuickstart(store))}\n`);
  process.stdout.write(`The history is in ${where}: open it again and every event is still there.\n`);
} finally {
  await store.close();
}

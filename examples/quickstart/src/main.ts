import { rmSync } from 'node:fs';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import { describeQuickstart, runQuickstart } from './quickstart';

// The embedded default: one SQLite file. Started afresh each run so the story reads the same.
const file = process.env.ORDER_LEDGER_DEMO_FILE ?? '.order-ledger/quickstart.db';
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
const store = SqliteEventStore.open(file);
try {
  process.stdout.write(`${describeQuickstart(await runQuickstart(store))}\n`);
  process.stdout.write(`The history is in ${file}: open it again and every event is still there.\n`);
} finally {
  await store.close();
}

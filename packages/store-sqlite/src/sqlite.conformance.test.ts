import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreConformance } from '@order-ledger/store-conformance';
import { afterAll } from 'vitest';
import { SqliteEventStore } from './sqlite-event-store';

const folder = mkdtempSync(join(tmpdir(), 'order-ledger-sqlite-'));
let count = 0;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

runStoreConformance({
  name: 'sqlite',
  create: async () => SqliteEventStore.open(join(folder, `store-${++count}.db`)),
  racers: 50,
  // A worker process opens the same file with its own connection, as a second app process would.
  openInChild: (store) => ({
    module: new URL('./sqlite-event-store.ts', import.meta.url).href,
    export: 'SqliteEventStore.open',
    args: [store.file],
  }),
});

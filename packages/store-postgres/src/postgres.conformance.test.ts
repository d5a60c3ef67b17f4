import { runStoreConformance } from '@order-ledger/store-conformance';
import { describe, it } from 'vitest';
import { PostgresEventStore } from './postgres-event-store';
import { dropSchema, freshSchema, postgresAvailable, testDatabaseUrl } from './test-database';

if (await postgresAvailable()) {
  runStoreConformance({
    name: 'postgres',
    create: () => PostgresEventStore.open({ connection: testDatabaseUrl, schema: freshSchema(), pollIntervalMs: 50 }),
    racers: 50,
    // A worker process opens the same schema with a pool of its own, as a second app server would.
    openInChild: (store) => ({
      module: new URL('./postgres-event-store.ts', import.meta.url).href,
      export: 'PostgresEventStore.open',
      args: [{ connection: testDatabaseUrl, schema: store.schema, poolSize: 2 }],
    }),
    dispose: async (store) => {
      await store.close();
      await dropSchema(store.schema);
    },
  });
} else {
  describe('postgres', () => {
    it.skip('conformance (no PostgreSQL server reachable)', () => undefined);
  });
}

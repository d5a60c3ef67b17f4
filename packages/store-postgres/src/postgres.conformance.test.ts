import { runStoreConformance } from '@order-ledger/store-conformance';
import { describe, it } from 'vitest';
import { PostgresEventStore } from './postgres-event-store';
import { dropSchema, freshSchema, postgresAvailable, testDatabaseUrl } from './test-database';

if (await postgresAvailable()) {
  runStoreConformance({
    name: 'postgres',
    create: () => PostgresEventStore.open({ connection: testDatabaseUrl, schema: freshSchema(), pollIntervalMs: 50 }),
    racers: 50,
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

import { runStoreConformance } from '@order-ledger/store-conformance';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { EsdbTestServer } from './testing/esdb-test-server';

/**
 * The whole contract, through the real `@eventstore/db-client` over gRPC, against the in-process
 * protocol-level test server: one server (one empty database) per store. The client appends
 * through BatchAppend here, as it does against any server since 21.10; the plain Append path is
 * covered in eventstoredb-event-store.test.ts.
 */
const servers = new WeakMap<EventStoreDbEventStore, EsdbTestServer>();

runStoreConformance({
  name: 'eventstoredb (test server)',
  create: async () => {
    const server = await EsdbTestServer.start();
    const store = EventStoreDbEventStore.connect(server.connectionString);
    servers.set(store, server);
    return store;
  },
  dispose: async (store) => {
    await store.close();
    await servers.get(store)?.stop();
  },
  racers: 50,
});

import { runStoreConformance } from '@order-ledger/store-conformance';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { EsdbTestServer, type EsdbTestServerOptions } from './testing/esdb-test-server';

/**
 * The whole contract, through the real `@eventstore/db-client` over gRPC, against the in-process
 * protocol-level test server: one server (one empty database) per store. Twice: with BatchAppend
 * offered (the client then appends through it, as against any server since 21.10), and without
 * (the client falls back to its client-streaming Append call).
 */
function harness(name: string, options: EsdbTestServerOptions) {
  const servers = new WeakMap<EventStoreDbEventStore, EsdbTestServer>();
  runStoreConformance({
    name,
    create: async () => {
      const server = await EsdbTestServer.start(options);
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
}

harness('eventstoredb (test server, BatchAppend)', { batchAppend: true });
harness('eventstoredb (test server, Append)', { batchAppend: false });

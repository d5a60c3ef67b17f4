import { runStoreConformance } from '@order-ledger/store-conformance';
import { describe, it } from 'vitest';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The opt-in lane: the same conformance suite against a real EventStoreDB (or KurrentDB) server.
 * Set `EVENTSTORE_URL`, e.g. `esdb://localhost:2113?tls=false` for a server started with
 * `--insecure --mem-db`. Each store of the suite gets a namespace of its own, so the suite needs
 * no empty database and leaves its streams behind (use an in-memory server). See docs/stores.md.
 */
const url = process.env.EVENTSTORE_URL;

if (url === undefined || url === '') {
  describe('eventstoredb (real server)', () => {
    it.skip('set EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false) to run the suite against a real server', () => {});
  });
  console.warn(
    '[store-eventstoredb] real-server lane skipped: EVENTSTORE_URL is not set. ' +
      'The suite ran against the in-process test server only.',
  );
} else {
  const run = `${Date.now().toString(36)}-${process.pid}`;
  let count = 0;
  runStoreConformance({
    name: 'eventstoredb (real server)',
    create: async () => EventStoreDbEventStore.connect(url, { namespace: `ol-test-${run}-${++count}/` }),
    racers: 50,
  });
}

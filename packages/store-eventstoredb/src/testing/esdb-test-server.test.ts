import { EventStoreDBClient, eventTypeFilter, jsonEvent, START } from '@eventstore/db-client';
import { afterEach, describe, expect, it } from 'vitest';
import { EsdbTestServer } from './esdb-test-server';

/** The test server does what its header says, seen from the real client. */
const running: { server: EsdbTestServer; client: EventStoreDBClient }[] = [];
afterEach(async () => {
  for (const { server, client } of running.splice(0)) {
    await client.dispose();
    await server.stop();
  }
});

async function start(options: { batchAppend?: boolean } = {}) {
  const server = await EsdbTestServer.start(options);
  const client = EventStoreDBClient.connectionString(server.connectionString);
  running.push({ server, client });
  return { server, client };
}

describe('the EventStoreDB test server', () => {
  it('offers BatchAppend in its server features, or not, and the client follows', async () => {
    for (const batchAppend of [true, false]) {
      const { server, client } = await start({ batchAppend });
      await client.appendToStream('s', jsonEvent({ type: 'A', data: {} }));
      expect(server.requests).toMatchObject(batchAppend ? { 'batch-append': 1 } : { append: 1 });
      expect(server.requests[batchAppend ? 'append' : 'batch-append']).toBeUndefined();
    }
  });

  it('sends filtered subscriptions a checkpoint every 32 × multiplier events considered, then says it caught up', async () => {
    const { client } = await start();
    for (let index = 0; index < 70; index += 1) {
      await client.appendToStream(
        `s${index % 3}`,
        jsonEvent({ type: index % 10 === 0 ? 'Wanted' : 'Other', data: {} }),
      );
    }
    const checkpoints: bigint[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({
        prefixes: ['Wanted'],
        checkpointInterval: 1,
        checkpointReached: (_subscription, position) => {
          checkpoints.push(position.commit);
        },
      }),
    });
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    const types: string[] = [];
    const reading = (async () => {
      for await (const resolved of subscription) types.push(resolved.event?.type ?? '');
    })();
    await caughtUp;
    await subscription.unsubscribe();
    await reading.catch(() => undefined);
    expect(types).toEqual(Array.from({ length: 7 }, () => 'Wanted'));
    expect(checkpoints).toHaveLength(2);
    expect(checkpoints[0]).toBeLessThan(checkpoints[1] as bigint);
  });

  it('a stream read backwards from the end gives the last events first', async () => {
    const { client } = await start();
    for (let index = 0; index < 5; index += 1)
      await client.appendToStream('s', jsonEvent({ type: `E${index}`, data: {} }));
    const read: string[] = [];
    for await (const resolved of client.readStream('s', { direction: 'backwards', fromRevision: 'end', maxCount: 2 }))
      read.push(resolved.event?.type ?? '');
    expect(read).toEqual(['E4', 'E3']);
  });
});

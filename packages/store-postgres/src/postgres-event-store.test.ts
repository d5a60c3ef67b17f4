import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FollowMessage } from '@order-ledger/core';
import { killWriterAndCheck, labels, readAllEvents, stockAdjusted } from '@order-ledger/store-conformance';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from './migrations';
import { PostgresEventStore } from './postgres-event-store';
import { dropSchema, freshSchema, postgresAvailable, testDatabaseUrl } from './test-database';

const available = await postgresAvailable();
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openStore(schema = freshSchema()): Promise<PostgresEventStore> {
  const store = await PostgresEventStore.open({ connection: testDatabaseUrl, schema, pollIntervalMs: 25 });
  cleanups.push(async () => {
    await store.close();
    await dropSchema(schema);
  });
  return store;
}

async function rawClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

describe.skipIf(!available)('PostgresEventStore', () => {
  it('creates and migrates its schema, and refuses a schema from a newer version', async () => {
    const schema = freshSchema();
    const store = await openStore(schema);
    const client = await rawClient();
    const { rows } = await client.query(`SELECT max(version) AS version FROM "${schema}".schema_migrations`);
    expect(rows[0]?.version).toBe(latestSchemaVersion);
    await client.query(`INSERT INTO "${schema}".schema_migrations (version) VALUES ($1)`, [latestSchemaVersion + 1]);
    await expect(PostgresEventStore.open({ connection: testDatabaseUrl, schema })).rejects.toMatchObject({
      code: 'SCHEMA_TOO_NEW',
    });
    await store.appendToStream('s', [stockAdjusted()]);
  });

  it('commits a read model and its checkpoint together, or neither', async () => {
    const store = await openStore();
    const table = `"${store.schema}".board`;
    await store.pool.query(`CREATE TABLE ${table} (order_id text PRIMARY KEY, status text NOT NULL)`);
    await store.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} VALUES ($1, $2)`, ['o1', 'received']);
      await tx.saveCheckpoint('board', 1, { version: 1, expected: null });
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} VALUES ($1, $2)`, ['o2', 'received']);
        await tx.saveCheckpoint('board', 2, { version: 1, expected: 1 });
        throw new Error('the projection failed half-way');
      }),
    ).rejects.toThrow('half-way');
    const { rows } = await store.pool.query(`SELECT order_id FROM ${table}`);
    expect(rows.map((row) => row.order_id)).toEqual(['o1']);
    expect(await store.checkpoints.loadCheckpoint('board')).toEqual({ name: 'board', position: 1, version: 1 });
  });

  it('two runners saving one checkpoint from the same start: exactly one wins', async () => {
    const store = await openStore();
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        store.checkpoints.saveCheckpoint('board', index + 1, { version: 1, expected: null }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
  });

  it('never lets a reader pass an append that commits late, and delivers it once it commits', async () => {
    const store = await openStore();
    const s = `"${store.schema}"`;
    await store.appendToStream('s', [stockAdjusted()]);
    const [before] = await readAllEvents(store);

    // A trigger parks the insert of event "held" on an advisory lock the test holds: that append's
    // transaction stays open, mid-insert, with its position already taken.
    const gate = await rawClient();
    const gateKey = 424_242;
    await gate.query(`
      CREATE FUNCTION ${s}.hold_gate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.event_id = 'held' THEN PERFORM pg_advisory_lock(${gateKey}); PERFORM pg_advisory_unlock(${gateKey}); END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER hold_gate BEFORE INSERT ON ${s}.events FOR EACH ROW EXECUTE FUNCTION ${s}.hold_gate();
    `);
    await gate.query('SELECT pg_advisory_lock($1)', [gateKey]);

    const held = store.appendToStream('held-stream', [{ ...stockAdjusted(), eventId: 'held' }]);
    // Wait until the held append is really inside the database, waiting at the gate.
    for (let tries = 0; ; tries += 1) {
      const { rows } = await gate.query(
        `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
        [gateKey],
      );
      if (rows[0]?.waiting === 1) break;
      if (tries > 200) throw new Error('the held append never reached the gate');
      await new Promise((done) => setTimeout(done, 10));
    }

    // Later appends are issued while it is held.
    const later = [stockAdjusted(), stockAdjusted(), stockAdjusted()];
    const laterAppends = later.map((event, index) => store.appendToStream(`later-${index}`, [event]));

    // A follower that has caught up, and a plain read, must see nothing past the held position.
    const seen: FollowMessage[] = [];
    const controller = new AbortController();
    const following = (async () => {
      for await (const message of store.follow({ after: before?.position ?? 0, signal: controller.signal })) {
        seen.push(message);
        // Later appends may take the lock in any order: stop once all four have been delivered.
        if (labels(seen).filter((label) => label !== 'caught-up').length === later.length + 1) controller.abort();
      }
    })();
    await new Promise((done) => setTimeout(done, 300));
    expect((await readAllEvents(store)).map((event) => event.eventId)).toEqual([before?.eventId]);
    expect(labels(seen).filter((label) => label !== 'caught-up')).toEqual([]);

    // Open the gate: the held append commits, then the later ones; the follower gets all, held first.
    await gate.query('SELECT pg_advisory_unlock($1)', [gateKey]);
    await held;
    await Promise.all(laterAppends);
    const timeout = setTimeout(() => controller.abort(), 10_000);
    await following;
    clearTimeout(timeout);
    const delivered = labels(seen).filter((label) => label !== 'caught-up');
    expect(delivered[0]).toBe('held');
    expect([...delivered].sort()).toEqual(['held', ...later.map((event) => event.eventId)].sort());
    const all = await readAllEvents(store);
    expect(all.map((event) => event.eventId)).toEqual([before?.eventId, ...delivered]);
    for (let index = 1; index < all.length; index += 1) {
      expect(all[index]?.position).toBeGreaterThan(all[index - 1]?.position ?? Number.POSITIVE_INFINITY);
    }
  });

  it('reports a foreign writer’s unknown or invalid event with its stream and revision', async () => {
    const store = await openStore();
    const s = `"${store.schema}"`;
    const client = await rawClient();
    const insert = `INSERT INTO ${s}.events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
                    VALUES ($1, $2, $3, $4, $5, '{}', 1, now())`;
    await client.query(insert, ['order-1', 0, 'foreign-1', 'OrderTeleported', '{}']);
    await expect(readAllEvents(store)).rejects.toThrow(
      /unknown event type "OrderTeleported" \(stream order-1, revision 0\)/,
    );
    await client.query(`DELETE FROM ${s}.events`);
    const bad = { at: '2026-03-02T09:00:00Z', paymentId: 'p', amount: { amount: 5, currency: 'EUD' }, method: 'card' };
    await client.query(insert, ['order-2', 0, 'foreign-2', 'Paid', JSON.stringify(bad)]);
    const strict = await PostgresEventStore.open({
      connection: testDatabaseUrl,
      schema: store.schema,
      readValidation: 'full',
    });
    cleanups.push(() => strict.close());
    await expect(strict.readStream('order-2')).rejects.toThrow(
      /invalid Paid event \(stream order-2, revision 0\): data\.amount\.currency/,
    );
  });

  it('refuses, when opening, a schema name PostgreSQL would cut or refuse', async () => {
    for (const schema of ['a'.repeat(64), `${'é'.repeat(31)}ab`, 'a\u0000b', '']) {
      await expect(PostgresEventStore.open({ connection: testDatabaseUrl, schema }), schema).rejects.toMatchObject({
        code: 'SCHEMA_NAME_INVALID',
      });
    }
    await expect(
      PostgresEventStore.open({ connection: testDatabaseUrl, schema: `${'x'.repeat(63)}_one` }),
    ).rejects.toThrow(/67 bytes long: PostgreSQL keeps only the first 63/);
    // 63 bytes is kept whole, and two such names are two schemas.
    const longest = `${freshSchema()}_`.padEnd(63, 'z');
    const store = await openStore(longest);
    expect(store.schema).toBe(longest);
    await store.appendToStream('s', [stockAdjusted()]);
    const client = await rawClient();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [longest]);
    expect(rows[0]?.n).toBe(1);
  });

  it('reports only the event-id index as a duplicate event id', async () => {
    const store = await openStore();
    const s = `"${store.schema}"`;
    const client = await rawClient();
    await store.appendToStream('s', [stockAdjusted()]);

    // Another program's unique index: its refusal names it, and is no duplicate event id.
    await client.query(`CREATE UNIQUE INDEX one_event_per_type ON ${s}.events (type)`);
    const refused = await store.appendToStream('t', [stockAdjusted()]).catch((error: unknown) => error);
    expect(refused).not.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    expect(String(refused)).toMatch(/one_event_per_type/);
    await client.query(`DROP INDEX ${s}.one_event_per_type`);

    // A writer that does not take the store's append lock takes the revision first: a conflict.
    await client.query(`
      CREATE FUNCTION ${s}.write_first() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.event_id = 'second' THEN
          INSERT INTO ${s}.events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
          VALUES (NEW.stream_id, NEW.revision, 'sneaked-in', NEW.type, NEW.data, '{}', 1, now());
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER write_first BEFORE INSERT ON ${s}.events FOR EACH ROW EXECUTE FUNCTION ${s}.write_first();
    `);
    await expect(
      store.appendToStream('s', [{ ...stockAdjusted(), eventId: 'second' }], { expectedRevision: 0 }),
    ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 's', expected: 0, actual: 0 });

    // The event-id index still means what it did: a reused id is a duplicate.
    const [first] = await store.readStream('s');
    await expect(
      store.appendToStream('u', [{ ...stockAdjusted(), eventId: first?.eventId ?? '?' }]),
    ).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
  });

  it('keeps every acknowledged append, and no half append, when the writer is killed with SIGKILL', async () => {
    const schema = freshSchema();
    await (await openStore(schema)).close();
    const result = await killWriterAndCheck({
      command: process.execPath,
      args: [
        '--import',
        'tsx',
        '--conditions=@order-ledger/source',
        'packages/store-postgres/src/testing/kill-writer.fixture.ts',
        testDatabaseUrl,
        schema,
      ],
      cwd: repoRoot,
      reopen: () => PostgresEventStore.open({ connection: testDatabaseUrl, schema }),
    });
    expect(result.acknowledged).toBeGreaterThanOrEqual(150);
  });
});

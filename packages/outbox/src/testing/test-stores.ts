import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, InMemoryEventStore, type ReadModelTables } from '@order-ledger/core';
import { PostgresEventStore } from '@order-ledger/store-postgres';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import pg from 'pg';
import type { OutboxDeliveries } from '../deliveries';
import { deliveriesFor } from '../deliveries-for';
import { Outbox } from '../outbox';
import { shopSchedule } from './shop-history';

export type StoreKind = 'memory' | 'sqlite' | 'postgres';

/** Where the PostgreSQL tests connect: `ORDER_LEDGER_PG_URL`, or the local server. */
export const testDatabaseUrl = process.env.ORDER_LEDGER_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a server answers. Under CI (`CI=true`) a missing server is a failure, never a skip. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL is not reachable at ${testDatabaseUrl}`);
    console.warn(`outbox PostgreSQL tests skipped: no server at ${testDatabaseUrl} (${String(error)})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;

/** Where a store lives, so another process can open the same one. */
export type StorePlace =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly schema: string };

/** A fresh place for a store of `kind`: a temp file, or a schema no other test uses. */
export function freshPlace(kind: StoreKind): StorePlace {
  counter += 1;
  if (kind === 'sqlite') return { kind, file: join(mkdtempSync(join(tmpdir(), 'outbox-')), 'ledger.db') };
  if (kind === 'postgres') return { kind, schema: `ol_outbox_${process.pid}_${Date.now().toString(36)}_${counter}` };
  return { kind };
}

export interface OpenedOutbox {
  readonly store: EventStore;
  readonly tables: ReadModelTables;
  readonly deliveries: OutboxDeliveries;
  readonly outbox: Outbox;
  close(): Promise<void>;
}

/** Opens the store at `place` with its outbox, as an app would wire it. */
export async function openOutbox(place: StorePlace): Promise<OpenedOutbox> {
  const store: EventStore =
    place.kind === 'sqlite'
      ? SqliteEventStore.open(place.file)
      : place.kind === 'postgres'
        ? await PostgresEventStore.open({ connection: testDatabaseUrl, schema: place.schema, poolSize: 3 })
        : new InMemoryEventStore();
  const tables = store.readModels;
  if (tables === undefined) throw new Error(`a ${place.kind} store keeps read models`);
  const deliveries = await deliveriesFor(store);
  const outbox = new Outbox({ store, deliveries, schedule: shopSchedule, lookbackDays: 7 });
  return { store, tables, deliveries, outbox, close: () => store.close() };
}

/** Removes what `freshPlace` made. */
export async function dropPlace(place: StorePlace): Promise<void> {
  if (place.kind === 'sqlite') rmSync(join(place.file, '..'), { recursive: true, force: true });
  if (place.kind === 'postgres') {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${place.schema}" CASCADE`);
    } finally {
      await client.end();
    }
  }
}

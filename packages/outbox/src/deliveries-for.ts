import type { EventStore } from '@order-ledger/core';
import type { SqliteEventStore } from '@order-ledger/store-sqlite';
import type { OutboxDeliveries } from './deliveries';
import { InMemoryDeliveries } from './memory-deliveries';
import { PostgresDeliveries, type PostgresStoreAccess } from './postgres-deliveries';
import { SqliteDeliveries } from './sqlite-deliveries';

function isSqlite(store: EventStore): store is EventStore & Pick<SqliteEventStore, 'db'> {
  return 'db' in store && 'file' in store;
}

function isPostgres(store: EventStore): store is EventStore & PostgresStoreAccess {
  return 'pool' in store && 'schema' in store && 'transaction' in store;
}

/**
 * The deliveries adapter for a store opened by URL (an app that takes `STORE` as the CLI does):
 * its SQLite file, its PostgreSQL schema, or memory beside a store that keeps its read models in
 * memory. Known by shape, so that this package loads neither driver for an app that uses the other.
 */
export async function deliveriesFor(store: EventStore, model = 'outbox'): Promise<OutboxDeliveries> {
  if (isSqlite(store)) return new SqliteDeliveries(store, model);
  if (isPostgres(store)) return PostgresDeliveries.open(store, model);
  if (store.readModels !== undefined) return new InMemoryDeliveries(store.readModels, model);
  throw new TypeError(
    'this store keeps no read-model tables (EventStoreDB): give the outbox the tables and deliveries of a SQLite or PostgreSQL store',
  );
}

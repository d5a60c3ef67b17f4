import type { EventStore } from '@order-ledger/core';
import type { PostgresEventStore as PostgresStore } from '@order-ledger/store-postgres';
import type { SqliteEventStore as SqliteStore } from '@order-ledger/store-sqlite';
import type { IdempotencyRecords } from './idempotency/idempotency-records';

/** The store the shop runs on, with the idempotency records kept in the same database. */
export interface ShopStore {
  readonly store: EventStore;
  readonly idempotency: IdempotencyRecords;
  close(): Promise<void>;
}

export const defaultStoreUrl = 'sqlite:./shop.db';

/** A setting the shop cannot use (a store URL, a port): said in one line, as the user wrote it. */
export class ShopSetupError extends Error {}

/**
 * Opens the store a URL names, as the CLI's `--store` does: `sqlite:./file.db` (created if
 * missing) or `postgres://…` (schema from `?schema=`, default `order_ledger`, created if
 * missing). The CLI's parser is not exported (the CLI is a binary), so the two stores are opened
 * here directly; the shop takes only the stores that keep read models in their own tables.
 */
/** A URL without its password, for messages. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

export async function openShopStore(url: string = defaultStoreUrl): Promise<ShopStore> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new ShopSetupError('sqlite: needs a file, as in sqlite:./shop.db');
    const { SqliteEventStore } = await import('@order-ledger/store-sqlite');
    const { SqliteIdempotencyRecords } = await import('./idempotency/sqlite-idempotency');
    let store: SqliteStore;
    try {
      store = SqliteEventStore.open(file);
    } catch (error) {
      throw new ShopSetupError(`cannot open ${url}: ${(error as Error).message}`);
    }
    return { store, idempotency: new SqliteIdempotencyRecords(store), close: () => store.close() };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'order_ledger';
    parsed.searchParams.delete('schema');
    const { PostgresEventStore } = await import('@order-ledger/store-postgres');
    const { PostgresIdempotencyRecords } = await import('./idempotency/postgres-idempotency');
    let store: PostgresStore;
    try {
      store = await PostgresEventStore.open({ connection: parsed.toString(), schema });
    } catch (error) {
      throw new ShopSetupError(`cannot open ${withoutPassword(url)}: ${(error as Error).message}`);
    }
    try {
      return { store, idempotency: await PostgresIdempotencyRecords.open(store), close: () => store.close() };
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  throw new ShopSetupError(`unknown store "${url}": use sqlite:./shop.db or postgres://user@host:5432/db?schema=name`);
}

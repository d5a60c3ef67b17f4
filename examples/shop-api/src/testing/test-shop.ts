import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openShopStore, type ShopStore } from '../open-shop-store';
import { type RunningShop, serveShop } from '../serve-shop';
import { createShopApi, type ShopApiOptions } from '../shop-api';

/** Where the PostgreSQL runs connect: `ORDER_LEDGER_PG_URL`, or the local server CI starts. */
const pgUrl = process.env.ORDER_LEDGER_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a PostgreSQL server answers. In CI (`CI=true`) a missing server is a failure, never a skip. */
export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`CI=true but PostgreSQL is not reachable at ${pgUrl}: ${String(error)}`);
    console.warn(`\n  ⚠ shop-api PostgreSQL tests SKIPPED: no server at ${pgUrl} (${String(error)})\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type StoreKind = 'sqlite' | 'postgres';

let schemas = 0;

/** A store of its own: a SQLite file in a fresh temp folder, or a fresh PostgreSQL schema; and how to drop it. */
async function freshStore(kind: StoreKind): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'shop-api-'));
    return {
      url: `sqlite:${join(folder, 'shop.db')}`,
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  schemas += 1;
  const schema = `shop_test_${process.pid}_${Date.now().toString(36)}_${schemas}`;
  const url = new URL(pgUrl);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestShop {
  /** The first server; `second` is another server on the same store (two processes behind one address). */
  readonly url: string;
  readonly second: string;
  readonly shop: ShopStore;
  close(): Promise<void>;
}

/** The real server on a fresh store, on loopback at a free port, and a second one beside it. */
export async function startTestShop(
  kind: StoreKind,
  options: Omit<ShopApiOptions, 'store' | 'idempotency'> = {},
): Promise<TestShop> {
  const { url, drop } = await freshStore(kind);
  const shop = await openShopStore(url);
  const other = await openShopStore(url);
  const running: RunningShop[] = [];
  try {
    running.push(await serveShop(createShopApi({ ...shop, ...options }), { port: 0, hostname: '127.0.0.1' }));
    running.push(await serveShop(createShopApi({ ...other, ...options }), { port: 0, hostname: '127.0.0.1' }));
  } catch (error) {
    for (const server of running) await server.close();
    await shop.close();
    await other.close();
    await drop();
    throw error;
  }
  const [first, second] = running as [RunningShop, RunningShop];
  return {
    url: first.url,
    second: second.url,
    shop,
    close: async () => {
      await first.close();
      await second.close();
      await shop.close();
      await other.close();
      await drop();
    },
  };
}

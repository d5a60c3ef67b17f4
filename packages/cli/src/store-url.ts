import { existsSync, statSync } from 'node:fs';
import { type EventStore, hasErrorCode, InMemoryEventStore } from '@order-ledger/core';
import type { EventStoreDbEventStore } from '@order-ledger/store-eventstoredb';
import { UserError } from './cli-error';

export interface OpenOptions {
  /**
   * Whether a missing store may be made. Only commands that write (import, demo) create one:
   * a report on a mistyped path says there is no ledger there rather than making an empty one.
   */
  readonly create?: boolean;
}

/** A store that is not there, or cannot be opened, told as the user's URL. */
function inWords(error: unknown, url: string): unknown {
  if (hasErrorCode(error, 'STORE_NOT_FOUND')) {
    const why = error.message.slice(error.message.indexOf(': ') + 2);
    return new UserError(`no ledger at ${redact(url)}: ${why} (order-ledger import or demo creates one)`);
  }
  return error;
}

/**
 * The store a user gets with no `--store`: the embedded SQLite file (the store-sqlite package's
 * default file, named here so that `--help` need not load SQLite to print it).
 */
export const defaultStoreUrl = 'sqlite:./order-ledger.db';

/**
 * Opens the store a URL names: `sqlite:./file.db`, `postgres://…` (schema from `?schema=`,
 * default `order_ledger`), `esdb://…` or `esdb+discover://…` (EventStoreDB; `namespace=` to share a
 * database), `memory:`, or a read-only `jsonl:./events.jsonl`.
 */
export async function openStore(url: string = defaultStoreUrl, options: OpenOptions = {}): Promise<EventStore> {
  const create = options.create ?? false;
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new UserError('sqlite: needs a file, as in sqlite:./shop.db');
    // Each driver is loaded only when its URL asks for it: `--help` or a SQLite report never
    // loads gRPC and the EventStoreDB client.
    const { SqliteEventStore } = await import('@order-ledger/store-sqlite');
    try {
      return SqliteEventStore.open(file, { create });
    } catch (error) {
      throw inWords(error, url);
    }
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'order_ledger';
    parsed.searchParams.delete('schema');
    const { PostgresEventStore } = await import('@order-ledger/store-postgres');
    try {
      return await PostgresEventStore.open({ connection: parsed.toString(), schema, create });
    } catch (error) {
      if (hasErrorCode(error, 'STORE_NOT_FOUND')) throw inWords(error, url);
      throw new UserError(`cannot open ${redact(url)}: ${(error as Error).message}`);
    }
  }
  if (url === 'memory:') return new InMemoryEventStore();
  if (url.startsWith('jsonl:')) {
    const file = url.slice('jsonl:'.length);
    if (file === '') throw new UserError('jsonl: needs a file, as in jsonl:./events.jsonl');
    // A history file is only read: one that is not there, or a folder, is the user's to fix.
    if (!existsSync(file)) throw new UserError(`no history file at ${url}: there is no such file`);
    if (statSync(file).isDirectory()) throw new UserError(`${url} names a folder: give the history file in it`);
    const { JsonlEventStore } = await import('@order-ledger/store-jsonl');
    return new JsonlEventStore(file);
  }
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) return openEventStoreDb(url);
  throw new UserError(
    `unknown store "${url}": use sqlite:./file.db, postgres://…, esdb://…, memory: or jsonl:./file.jsonl`,
  );
}

/**
 * EventStoreDB from its own connection string, plus `namespace=` (ours, taken out before the
 * client sees it). The client connects lazily, so one small read proves the server answers and
 * turns "cannot connect" into a one-line error here rather than in the middle of a command.
 */
async function openEventStoreDb(url: string): Promise<EventStore> {
  let store: EventStoreDbEventStore;
  const { EventStoreDbEventStore } = await import('@order-ledger/store-eventstoredb');
  try {
    const parsed = new URL(url);
    const namespace = parsed.searchParams.get('namespace') ?? undefined;
    parsed.searchParams.delete('namespace');
    store = EventStoreDbEventStore.connect(parsed.toString(), namespace === undefined ? {} : { namespace });
  } catch (error) {
    throw new UserError(`cannot use ${redact(url)}: ${(error as Error).message}`);
  }
  try {
    await store.readStream('order-ledger-connection-check');
  } catch (error) {
    await store.close();
    throw new UserError(`cannot reach EventStoreDB at ${redact(url)}: ${(error as Error).message}`);
  }
  return store;
}

/**
 * Whether reports on this store read kept read models (caught up, then read row by row) rather
 * than replaying the history: a database keeps them between runs; a file, memory or EventStoreDB
 * would fold everything again anyway.
 */
export function keepsReadModels(url: string): boolean {
  return url.startsWith('sqlite:') || url.startsWith('postgres://') || url.startsWith('postgresql://');
}

/** A URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

import type { PlacedEvent } from '@order-ledger/core/testing';
import { PostgresEventStore } from '@order-ledger/store-postgres';
import pg from 'pg';

/** Where the PostgreSQL rows connect: `ORDER_LEDGER_PG_URL`, or the local server the tests use. */
export const benchDatabaseUrl = process.env.ORDER_LEDGER_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a server answers; the table says "not measured" for PostgreSQL rows when none does. */
export async function postgresAnswers(url: string = benchDatabaseUrl): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `no PostgreSQL server at ${url} (${(error as Error).message}); set ORDER_LEDGER_PG_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Schemas of one run: each store the benchmarks make lives in a schema of its own, all dropped at
 * the end, so runs never meet each other or the tests.
 */
export class PostgresScratch {
  readonly #schemas: string[] = [];
  readonly #databases: string[] = [];
  #counter = 0;

  #name(): string {
    this.#counter += 1;
    return `ol_bench_${process.pid}_${Date.now().toString(36)}_${this.#counter}`;
  }

  schema(): string {
    const name = this.#name();
    this.#schemas.push(name);
    return name;
  }

  /**
   * A database of its own on the same server, for a library that keeps its tables in `public`
   * (Emmett): returns its URL. Dropped with everything else at the end.
   */
  async database(): Promise<string> {
    const name = this.#name();
    const client = new pg.Client({ connectionString: benchDatabaseUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    this.#databases.push(name);
    const url = new URL(benchDatabaseUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Our store on a fresh schema, migrated by the store itself. */
  async store(): Promise<PostgresEventStore> {
    return PostgresEventStore.open({ connection: benchDatabaseUrl, schema: this.schema(), poolSize: 2 });
  }

  /** A raw client whose tables are those of `schema`. */
  async client(schema: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: benchDatabaseUrl });
    await client.connect();
    await client.query(`SET search_path TO "${schema}"`);
    return client;
  }

  async dropAll(): Promise<void> {
    const client = new pg.Client({ connectionString: benchDatabaseUrl });
    await client.connect();
    try {
      for (const schema of this.#schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      for (const name of this.#databases.splice(0))
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}

export const postgresInsertOne = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
                   VALUES ($1, $2, $3, $4, $5, '{}', 1, now())`;
export const postgresInsertMany = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
                    SELECT s, r, i, t, d, '{}', 1, now() FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::jsonb[]) AS x(s, r, i, t, d)`;

/** The parameters of `postgresInsertMany`: one array per column. */
export function insertColumns(events: readonly PlacedEvent[]): unknown[] {
  return [
    events.map((e) => e.streamId),
    events.map((e) => e.revision),
    events.map((e) => e.eventId),
    events.map((e) => e.event.type),
    events.map((e) => JSON.stringify(e.event.data)),
  ];
}

/** Writes every event into `schema` with raw batched inserts of 5,000: the shared input of the read benchmarks. */
export async function rawPostgresHistory(
  scratch: PostgresScratch,
  schema: string,
  events: readonly PlacedEvent[],
): Promise<void> {
  const client = await scratch.client(schema);
  try {
    for (let from = 0; from < events.length; from += 5000) {
      await client.query(postgresInsertMany, insertColumns(events.slice(from, from + 5000)));
    }
    await client.query('VACUUM ANALYZE events');
  } finally {
    await client.end();
  }
}

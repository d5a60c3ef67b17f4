import pg from 'pg';

/**
 * Where the PostgreSQL tests connect: `ORDER_LEDGER_PG_URL`, or the local server CI starts.
 * Each test store lives in a schema of its own, dropped afterwards, so runs never interfere.
 */
export const testDatabaseUrl = process.env.ORDER_LEDGER_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a server answers. In CI (`CI=true`) a missing server is a failure, never a skip. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true but PostgreSQL is not reachable at ${testDatabaseUrl}: ${String(error)}`);
    }
    console.warn(
      `\n  ⚠ PostgreSQL tests SKIPPED: no server at ${testDatabaseUrl} (${String(error)}).\n` +
        '    Start one, or set ORDER_LEDGER_PG_URL, to run them.\n',
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;

/** A schema name no other test or run uses. */
export function freshSchema(): string {
  counter += 1;
  return `ol_test_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

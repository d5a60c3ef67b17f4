import type { PostgresEventStore, PostgresTransaction } from '@order-ledger/store-postgres';
import type pg from 'pg';
import type {
  Claim,
  ClaimRequest,
  DeliveryOutcome,
  DeliveryRecord,
  DeliveryState,
  OutboxDeliveries,
} from './deliveries';
import { type DeliveryRow, dueMessagesSql, recordOf } from './delivery-rows';
import type { OutboxMessage } from './message';

/**
 * This package's tables in a ledger's PostgreSQL schema (`{s}` is the quoted schema), one
 * migration per version. Never edit a shipped one. Times are ISO text, as in SQLite, so both
 * compare them with the same SQL.
 */
export const postgresOutboxMigrations: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE {s}.outbox_deliveries (
        model           text    NOT NULL,
        message_id      text    NOT NULL,
        state           text    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'withdrawn')),
        attempts        integer NOT NULL,
        next_attempt_at text,
        lease_until     text,
        claimed_by      text,
        claim_token     text,
        sent_at         text,
        last_error      text,
        updated_at      text    NOT NULL,
        PRIMARY KEY (model, message_id)
      );
      CREATE INDEX outbox_deliveries_state ON {s}.outbox_deliveries (model, state);
    `,
  },
];

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

type DueRow = { id: string; value: unknown; attempts: number };

/** What the adapter uses of its store: the pool, the schema's name, and a transaction. */
export type PostgresStoreAccess = Pick<PostgresEventStore, 'pool' | 'schema' | 'transaction'>;

/**
 * Delivery state in the ledger's PostgreSQL schema, beside the messages. A claim takes a
 * transaction-level advisory lock named after the outbox, so workers in any number of processes
 * claim one after another and each sees the claims committed before its own; claims are short
 * (one select, one upsert), the sending happens after the lock is released.
 */
export class PostgresDeliveries implements OutboxDeliveries {
  readonly model: string;
  readonly #store: PostgresStoreAccess;
  readonly #pool: pg.Pool;
  readonly #s: string;
  readonly #schema: string;

  private constructor(store: PostgresStoreAccess, model: string) {
    this.#store = store;
    this.#pool = store.pool;
    this.#schema = store.schema;
    this.#s = quoteIdent(store.schema);
    this.model = model;
  }

  /** The adapter for a store's schema, its tables migrated. */
  static async open(store: PostgresStoreAccess, model = 'outbox'): Promise<PostgresDeliveries> {
    const deliveries = new PostgresDeliveries(store, model);
    await deliveries.#migrate();
    return deliveries;
  }

  async claim(request: ClaimRequest): Promise<Claim[]> {
    const now = request.now.toISOString();
    const leaseUntil = new Date(request.now.getTime() + request.leaseMs).toISOString();
    return this.#store.transaction(async (client: PostgresTransaction) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.#schema}.outbox:${this.model}`]);
      const due = await client.query<DueRow>(
        `${dueMessagesSql(`${this.#s}.read_model_rows`, `${this.#s}.outbox_deliveries`, '$1', '$2')} LIMIT $3`,
        [this.model, now, request.limit],
      );
      if (due.rows.length === 0) return [];
      await client.query(
        `INSERT INTO ${this.#s}.outbox_deliveries (model, message_id, state, attempts, lease_until, claimed_by, claim_token, updated_at)
         SELECT $1, id, 'pending', 1, $3, $4, $5, $6 FROM unnest($2::text[]) AS id
         ON CONFLICT (model, message_id) DO UPDATE SET attempts = ${this.#s}.outbox_deliveries.attempts + 1,
         lease_until = excluded.lease_until, claimed_by = excluded.claimed_by, claim_token = excluded.claim_token,
         updated_at = excluded.updated_at`,
        [this.model, due.rows.map((row) => row.id), leaseUntil, request.worker, request.token, now],
      );
      return due.rows.map((row) => ({
        message: (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as OutboxMessage,
        attempt: Number(row.attempts) + 1,
        token: request.token,
      }));
    });
  }

  async settle(id: string, token: string, outcome: DeliveryOutcome): Promise<boolean> {
    const at = outcome.at.toISOString();
    const where = `WHERE model = $1 AND message_id = $2 AND state = 'pending'`;
    const result =
      outcome.kind === 'sent'
        ? await this.#pool.query(
            `UPDATE ${this.#s}.outbox_deliveries SET state = 'sent', sent_at = $3, lease_until = NULL, updated_at = $3 ${where}`,
            [this.model, id, at],
          )
        : outcome.kind === 'retry'
          ? await this.#pool.query(
              `UPDATE ${this.#s}.outbox_deliveries SET next_attempt_at = $5, last_error = $6, lease_until = NULL,
               updated_at = $3 ${where} AND claim_token = $4`,
              [this.model, id, at, token, outcome.nextAttemptAt.toISOString(), outcome.error],
            )
          : await this.#pool.query(
              `UPDATE ${this.#s}.outbox_deliveries SET state = $6, last_error = $5, lease_until = NULL,
               updated_at = $3 ${where} AND claim_token = $4`,
              [this.model, id, at, token, outcome.error, outcome.kind],
            );
    return result.rowCount === 1;
  }

  async resend(id: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const result = await this.#pool.query(
      `UPDATE ${this.#s}.outbox_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $3, lease_until = NULL,
       updated_at = $3 WHERE model = $1 AND message_id = $2 AND state = 'failed'`,
      [this.model, id, at],
    );
    return result.rowCount === 1;
  }

  async records(filter: { readonly state?: DeliveryState } = {}): Promise<DeliveryRecord[]> {
    const { rows } = await this.#pool.query<DeliveryRow>(
      `SELECT * FROM ${this.#s}.outbox_deliveries WHERE model = $1 AND ($2::text IS NULL OR state = $2)
       ORDER BY message_id COLLATE "C"`,
      [this.model, filter.state ?? null],
    );
    return rows.map(recordOf);
  }

  async record(id: string): Promise<DeliveryRecord | undefined> {
    const { rows } = await this.#pool.query<DeliveryRow>(
      `SELECT * FROM ${this.#s}.outbox_deliveries WHERE model = $1 AND message_id = $2`,
      [this.model, id],
    );
    const row = rows[0];
    return row === undefined ? undefined : recordOf(row);
  }

  async #migrate(): Promise<void> {
    await this.#store.transaction(async (client: PostgresTransaction) => {
      // Two processes opening one schema at once migrate one after the other.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.#schema}.outbox_migrations`]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.#s}.outbox_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)`,
      );
      const { rows } = await client.query<{ version: number }>(
        `SELECT COALESCE(MAX(version), 0) AS version FROM ${this.#s}.outbox_migrations`,
      );
      const applied = Number(rows[0]?.version ?? 0);
      for (const migration of postgresOutboxMigrations) {
        if (migration.version <= applied) continue;
        await client.query(migration.sql.replaceAll('{s}', this.#s));
        await client.query(`INSERT INTO ${this.#s}.outbox_migrations (version, applied_at) VALUES ($1, $2)`, [
          migration.version,
          new Date().toISOString(),
        ]);
      }
    });
  }
}

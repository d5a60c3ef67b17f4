import type { SqliteEventStore } from '@order-ledger/store-sqlite';
import type { Database } from 'better-sqlite3';
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

/** This package's tables in a SQLite ledger file, one migration per version. Never edit a shipped one. */
export const sqliteOutboxMigrations: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE outbox_deliveries (
        model           TEXT    NOT NULL,
        message_id      TEXT    NOT NULL,
        state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'withdrawn')),
        attempts        INTEGER NOT NULL,
        next_attempt_at TEXT,
        lease_until     TEXT,
        claimed_by      TEXT,
        claim_token     TEXT,
        sent_at         TEXT,
        last_error      TEXT,
        updated_at      TEXT    NOT NULL,
        PRIMARY KEY (model, message_id)
      );
      CREATE INDEX outbox_deliveries_state ON outbox_deliveries (model, state);
    `,
  },
];

function migrate(db: Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS outbox_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied =
      db.prepare<[], number>('SELECT COALESCE(MAX(version), 0) FROM outbox_migrations').pluck().get() ?? 0;
    for (const migration of sqliteOutboxMigrations) {
      if (migration.version <= applied) continue;
      db.exec(migration.sql);
      db.prepare('INSERT INTO outbox_migrations (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        new Date().toISOString(),
      );
    }
  }).immediate();
}

type DueRow = { id: string; value: string; attempts: number };

/**
 * Delivery state in the SQLite ledger file, beside the messages. A claim runs under SQLite's write
 * lock (`BEGIN IMMEDIATE`): workers in any number of processes claim one after another, and each
 * sees the claims made before its own.
 */
export class SqliteDeliveries implements OutboxDeliveries {
  readonly model: string;
  readonly #db: Database;

  constructor(store: Pick<SqliteEventStore, 'db'>, model = 'outbox') {
    this.#db = store.db;
    this.model = model;
    migrate(this.#db);
  }

  async claim(request: ClaimRequest): Promise<Claim[]> {
    const db = this.#db;
    const now = request.now.toISOString();
    const leaseUntil = new Date(request.now.getTime() + request.leaseMs).toISOString();
    const select = db.prepare<{ model: string; now: string; limit: number }, DueRow>(
      `${dueMessagesSql('read_model_rows', 'outbox_deliveries', '@model', '@now')} LIMIT @limit`,
    );
    const take = db.prepare(
      `INSERT INTO outbox_deliveries (model, message_id, state, attempts, lease_until, claimed_by, claim_token, updated_at)
       VALUES (@model, @id, 'pending', 1, @leaseUntil, @worker, @token, @now)
       ON CONFLICT (model, message_id) DO UPDATE SET attempts = attempts + 1, lease_until = excluded.lease_until,
       claimed_by = excluded.claimed_by, claim_token = excluded.claim_token, updated_at = excluded.updated_at`,
    );
    return db
      .transaction(() =>
        select.all({ model: this.model, now, limit: request.limit }).map((row) => {
          take.run({ model: this.model, id: row.id, leaseUntil, worker: request.worker, token: request.token, now });
          return {
            message: JSON.parse(row.value) as OutboxMessage,
            attempt: Number(row.attempts) + 1,
            token: request.token,
          };
        }),
      )
      .immediate();
  }

  async settle(id: string, token: string, outcome: DeliveryOutcome): Promise<boolean> {
    const at = outcome.at.toISOString();
    const key = { model: this.model, id, token, at };
    const where = `WHERE model = @model AND message_id = @id AND state = 'pending'`;
    const result =
      outcome.kind === 'sent'
        ? this.#db
            .prepare(
              `UPDATE outbox_deliveries SET state = 'sent', sent_at = @at, lease_until = NULL, updated_at = @at ${where}`,
            )
            .run(key)
        : outcome.kind === 'retry'
          ? this.#db
              .prepare(
                `UPDATE outbox_deliveries SET next_attempt_at = @next, last_error = @error, lease_until = NULL,
                 updated_at = @at ${where} AND claim_token = @token`,
              )
              .run({ ...key, next: outcome.nextAttemptAt.toISOString(), error: outcome.error })
          : this.#db
              .prepare(
                `UPDATE outbox_deliveries SET state = @state, last_error = @error, lease_until = NULL,
                 updated_at = @at ${where} AND claim_token = @token`,
              )
              .run({ ...key, state: outcome.kind, error: outcome.error });
    return result.changes === 1;
  }

  async resend(id: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const result = this.#db
      .prepare(
        `UPDATE outbox_deliveries SET state = 'pending', attempts = 0, next_attempt_at = @at, lease_until = NULL,
         updated_at = @at WHERE model = @model AND message_id = @id AND state = 'failed'`,
      )
      .run({ model: this.model, id, at });
    return result.changes === 1;
  }

  async records(filter: { readonly state?: DeliveryState } = {}): Promise<DeliveryRecord[]> {
    const rows = this.#db
      .prepare<{ model: string; state: string | null }, DeliveryRow>(
        `SELECT * FROM outbox_deliveries WHERE model = @model AND (@state IS NULL OR state = @state) ORDER BY message_id`,
      )
      .all({ model: this.model, state: filter.state ?? null });
    return rows.map(recordOf);
  }

  async record(id: string): Promise<DeliveryRecord | undefined> {
    const row = this.#db
      .prepare<{ model: string; id: string }, DeliveryRow>(
        'SELECT * FROM outbox_deliveries WHERE model = @model AND message_id = @id',
      )
      .get({ model: this.model, id });
    return row === undefined ? undefined : recordOf(row);
  }
}

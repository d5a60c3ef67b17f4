import type { PostgresEventStore } from '@order-ledger/store-postgres';
import {
  answerOf,
  type Claim,
  claimLeaseMs,
  type IdempotencyRecords,
  idempotencyTable,
  type RecordRow,
  type StoredResponse,
} from './idempotency-records';

/** The idempotency records in the ledger's PostgreSQL schema, through the store's own pool. */
export class PostgresIdempotencyRecords implements IdempotencyRecords {
  readonly #pool: PostgresEventStore['pool'];
  readonly #table: string;

  private constructor(store: PostgresEventStore) {
    this.#pool = store.pool;
    // The store checked the schema name when it opened; quoted, as the store quotes it.
    this.#table = `"${store.schema}".${idempotencyTable}`;
  }

  static async open(store: PostgresEventStore): Promise<PostgresIdempotencyRecords> {
    const records = new PostgresIdempotencyRecords(store);
    await records.#pool.query(`CREATE TABLE IF NOT EXISTS ${records.#table} (
      key TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      claimed_at BIGINT NOT NULL,
      status INTEGER,
      headers TEXT,
      body TEXT
    )`);
    return records;
  }

  async claim(key: string, fingerprint: string, now: Date): Promise<Claim> {
    const taken = await this.#pool.query(
      `INSERT INTO ${this.#table} AS held (key, fingerprint, claimed_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at
       WHERE held.status IS NULL AND held.fingerprint = excluded.fingerprint AND held.claimed_at <= $4`,
      [key, fingerprint, now.getTime(), now.getTime() - claimLeaseMs],
    );
    if (taken.rowCount === 1) return { kind: 'claimed' };
    const { rows } = await this.#pool.query<RecordRow>(
      `SELECT fingerprint, status, headers, body FROM ${this.#table} WHERE key = $1`,
      [key],
    );
    const row = rows[0];
    if (row === undefined) return this.claim(key, fingerprint, now);
    return answerOf(row);
  }

  async complete(key: string, response: StoredResponse): Promise<void> {
    await this.#pool.query(`UPDATE ${this.#table} SET status = $1, headers = $2, body = $3 WHERE key = $4`, [
      response.status,
      JSON.stringify(response.headers),
      response.body,
      key,
    ]);
  }

  async release(key: string): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#table} WHERE key = $1 AND status IS NULL`, [key]);
  }
}

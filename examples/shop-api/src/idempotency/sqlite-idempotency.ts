import type { SqliteEventStore } from '@order-ledger/store-sqlite';
import {
  answerOf,
  type Claim,
  claimLeaseMs,
  type IdempotencyRecords,
  idempotencyTable,
  type RecordRow,
  type StoredResponse,
} from './idempotency-records';

/** The idempotency records in the ledger's SQLite file, through the store's own connection. */
export class SqliteIdempotencyRecords implements IdempotencyRecords {
  readonly #db: SqliteEventStore['db'];

  constructor(store: SqliteEventStore) {
    this.#db = store.db;
    this.#db.exec(`CREATE TABLE IF NOT EXISTS ${idempotencyTable} (
      key TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      claimed_at INTEGER NOT NULL,
      status INTEGER,
      headers TEXT,
      body TEXT
    )`);
  }

  async claim(key: string, fingerprint: string, now: Date): Promise<Claim> {
    // One statement: a new key is inserted; an unanswered claim of the same request older than the
    // lease is taken over; anything else is left as it is and read back.
    const taken = this.#db
      .prepare(
        `INSERT INTO ${idempotencyTable} (key, fingerprint, claimed_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at
         WHERE status IS NULL AND fingerprint = excluded.fingerprint AND claimed_at <= ?`,
      )
      .run(key, fingerprint, now.getTime(), now.getTime() - claimLeaseMs);
    if (taken.changes === 1) return { kind: 'claimed' };
    const row = this.#db
      .prepare(`SELECT fingerprint, status, headers, body FROM ${idempotencyTable} WHERE key = ?`)
      .get(key) as RecordRow | undefined;
    if (row === undefined) return this.claim(key, fingerprint, now);
    return answerOf(row);
  }

  async complete(key: string, response: StoredResponse): Promise<void> {
    this.#db
      .prepare(`UPDATE ${idempotencyTable} SET status = ?, headers = ?, body = ? WHERE key = ?`)
      .run(response.status, JSON.stringify(response.headers), response.body, key);
  }

  async release(key: string): Promise<void> {
    this.#db.prepare(`DELETE FROM ${idempotencyTable} WHERE key = ? AND status IS NULL`).run(key);
  }
}

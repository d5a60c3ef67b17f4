/** A response as it was first sent: replayed byte for byte to a retry with the same key. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the records say about a key when a request claims it. */
export type Claim =
  /** The key is this request's now: carry it out, then `complete` (or `release` on a server fault). */
  | { readonly kind: 'claimed' }
  /** A request with this key was answered: replay its response if the fingerprint is the same. */
  | { readonly kind: 'answered'; readonly fingerprint: string; readonly response: StoredResponse }
  /** A request with this key is being carried out right now (or died less than a lease ago). */
  | { readonly kind: 'in-progress'; readonly fingerprint: string };

/**
 * The `Idempotency-Key` records, kept durably in the store's own database (a table beside the
 * ledger's). A key is claimed before its request is carried out, so two copies of one request
 * sent at once never both run; a claim whose process died is taken over by a retry of the same
 * request after `leaseMs`. The ledger dedupes the command by the same key (its command id), so
 * a request taken over after its first run wrote is answered from what it wrote.
 */
export interface IdempotencyRecords {
  claim(key: string, fingerprint: string, now: Date): Promise<Claim>;
  complete(key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose request failed on the server's side: a retry may run it again. */
  release(key: string): Promise<void>;
}

/** How long a claim holds against a retry before it is taken for dead. */
export const claimLeaseMs = 60_000;

/** The table's name, in the SQLite file or in the PostgreSQL schema. */
export const idempotencyTable = 'shop_idempotency';

/** A record as the table holds it: no response yet while its request is carried out. */
export interface RecordRow {
  readonly fingerprint: string;
  readonly status: number | null;
  readonly headers: string | null;
  readonly body: string | null;
}

/** A stored row as a claim's answer: answered when it holds a response, in progress otherwise. */
export function answerOf(row: RecordRow): Claim {
  if (row.status === null || row.headers === null || row.body === null) {
    return { kind: 'in-progress', fingerprint: row.fingerprint };
  }
  return {
    kind: 'answered',
    fingerprint: row.fingerprint,
    response: { status: row.status, headers: JSON.parse(row.headers) as Record<string, string>, body: row.body },
  };
}

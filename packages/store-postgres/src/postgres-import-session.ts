import {
  type BatchOutcome,
  type CheckedEvent,
  checkImportEvent,
  type EventCatalogue,
  type ImportEvent,
  ImportRefusedError,
  type ImportSession,
  idAlreadyWritten,
  LedgerError,
  type LedgerEvent,
  NO_STREAM_REVISION,
  placeImportEvent,
  StoreClosedError,
  type WrittenAt,
} from '@order-ledger/core';
import type pg from 'pg';

/** Streams whose revision the session keeps in mind; past this it forgets them all and asks again. */
const rememberedStreams = 200_000;

interface Row {
  readonly event: ImportEvent;
  readonly checked: CheckedEvent;
}

/**
 * One import into PostgreSQL, in one transaction on one connection that holds the store's append
 * lock from the start: appends by others wait for it (the global order stays gap-free), readers
 * see none of it until it commits.
 *
 * A batch costs two round trips: the revisions of streams not met before, then one statement
 * that looks for event ids already used and, finding none, inserts every row. The rows go as one
 * JSON document (`jsonb_to_recordset`), which the server parses once, instead of arrays the
 * driver escapes element by element. The checks and the placing of each event are core's, as on
 * every store; a batch refused writes nothing, since its insert is never sent.
 */
export class PostgresImportSession implements ImportSession {
  readonly #client: pg.PoolClient;
  readonly #s: string;
  readonly #catalogue: EventCatalogue<LedgerEvent>;
  readonly #now: () => Date;
  readonly #onEnd: (committed: boolean) => void;
  readonly #revisions = new Map<string, number>();
  #open = true;

  private constructor(
    client: pg.PoolClient,
    quotedSchema: string,
    catalogue: EventCatalogue<LedgerEvent>,
    now: () => Date,
    onEnd: (committed: boolean) => void,
  ) {
    this.#client = client;
    this.#s = quotedSchema;
    this.#catalogue = catalogue;
    this.#now = now;
    this.#onEnd = onEnd;
  }

  /** Takes a connection, opens the transaction and takes the append lock (waiting for appends in flight). */
  static async begin(
    pool: pg.Pool,
    quotedSchema: string,
    lockKey: string,
    catalogue: EventCatalogue<LedgerEvent>,
    now: () => Date,
    onEnd: (committed: boolean) => void,
  ): Promise<PostgresImportSession> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
    return new PostgresImportSession(client, quotedSchema, catalogue, now, onEnd);
  }

  async write(batch: readonly ImportEvent[]): Promise<BatchOutcome> {
    if (!this.#open) throw new StoreClosedError();
    await this.#learnRevisions(batch);
    const written = await this.#writtenAt(batch);
    const moved = new Map<string, number>();
    const placedHere = new Map<string, WrittenAt>();
    const rows: Row[] = [];
    let alreadyThere = 0;
    let refusal: ImportRefusedError | undefined;
    for (const [index, event] of batch.entries()) {
      try {
        const checked = checkImportEvent(event, this.#catalogue, true);
        const current = moved.get(event.streamId) ?? (this.#revisions.get(event.streamId) as number);
        const here = placedHere.get(event.eventId);
        const at = event.revision <= current ? (here ?? written.get(event.eventId)) : undefined;
        const placed = placeImportEvent(event, current, at);
        if (placed === 'there') {
          alreadyThere += 1;
          continue;
        }
        if (placed !== 'new') throw placed;
        // As SQLite's index would: an id this batch has just written, met again at a new place.
        if (here !== undefined) throw idAlreadyWritten(event.eventId, event.streamId, here);
        rows.push({ event, checked });
        moved.set(event.streamId, event.revision);
        placedHere.set(event.eventId, { streamId: event.streamId, revision: event.revision });
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        refusal = new ImportRefusedError(index, event, error);
        break;
      }
    }
    // An id used before, by an earlier event of this batch than the refused one, is refused first.
    const clash = await this.#insertUnlessClash(rows, refusal === undefined);
    if (clash !== undefined) {
      const row = rows[clash.index] as Row;
      const reason = idAlreadyWritten(row.event.eventId, row.event.streamId, clash);
      throw new ImportRefusedError(batch.indexOf(row.event), row.event, reason);
    }
    if (refusal !== undefined) throw refusal;
    if (this.#revisions.size + moved.size > rememberedStreams) this.#revisions.clear();
    for (const [streamId, revision] of moved) this.#revisions.set(streamId, revision);
    return { written: rows.length, alreadyThere };
  }

  async commit(): Promise<void> {
    if (!this.#open) throw new StoreClosedError();
    try {
      await this.#client.query('COMMIT');
    } catch (error) {
      this.#end(false, error);
      throw error;
    }
    this.#end(true);
  }

  async rollback(): Promise<void> {
    if (!this.#open) return;
    try {
      await this.#client.query('ROLLBACK');
      this.#end(false);
    } catch (error) {
      this.#end(false, error);
    }
  }

  #end(committed: boolean, error?: unknown): void {
    this.#open = false;
    // A connection that failed mid-transaction is not given back to the pool as it is.
    this.#client.release(error instanceof Error ? error : undefined);
    this.#onEnd(committed);
  }

  /** The current revision of every stream of the batch not met before, in one query. */
  async #learnRevisions(batch: readonly ImportEvent[]): Promise<void> {
    const streams = [...new Set(batch.map((event) => event.streamId))];
    if (this.#revisions.size + streams.length > rememberedStreams) this.#revisions.clear();
    const unknown = streams.filter((id) => !this.#revisions.has(id));
    if (unknown.length === 0) return;
    const { rows } = await this.#client.query<{ stream_id: string; revision: number }>(
      `SELECT stream_id, max(revision) AS revision FROM ${this.#s}.events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
      [unknown],
    );
    for (const id of unknown) this.#revisions.set(id, NO_STREAM_REVISION);
    for (const row of rows) this.#revisions.set(row.stream_id, row.revision);
  }

  /** Where the ids of events the store may hold already (a re-run) were written: one query, only when there are such events. */
  async #writtenAt(batch: readonly ImportEvent[]): Promise<Map<string, WrittenAt>> {
    const ids = batch
      .filter((event) => event.revision <= (this.#revisions.get(event.streamId) ?? NO_STREAM_REVISION))
      .map((event) => event.eventId);
    const found = new Map<string, WrittenAt>();
    if (ids.length === 0) return found;
    const { rows } = await this.#client.query<{ event_id: string; stream_id: string; revision: number }>(
      `SELECT event_id, stream_id, revision FROM ${this.#s}.events WHERE event_id = ANY($1::text[])`,
      [ids],
    );
    for (const row of rows) found.set(row.event_id, { streamId: row.stream_id, revision: row.revision });
    return found;
  }

  /**
   * One statement: the first row whose id the store already holds, if any; otherwise (and only
   * when `insert`) every row inserted, in order. Returns the clash, or undefined.
   */
  async #insertUnlessClash(
    rows: readonly Row[],
    insert: boolean,
  ): Promise<{ index: number; streamId: string; revision: number } | undefined> {
    if (rows.length === 0) return undefined;
    const recordedAt = this.#now().toISOString();
    const json = `[${rows
      .map(
        ({ event, checked }, index) =>
          `{"o":${index},"s":${JSON.stringify(event.streamId)},"r":${event.revision},"i":${JSON.stringify(event.eventId)},` +
          `"t":${JSON.stringify(checked.type)},"d":${checked.dataJson},"m":${JSON.stringify(checked.metadata)},` +
          `"v":${checked.schemaVersion},"a":${JSON.stringify(checked.recordedAt ?? recordedAt)}}`,
      )
      .join(',')}]`;
    const { rows: result } = await this.#client.query<{ o: number | null; stream_id: string; revision: number }>(
      `WITH x AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(o int, s text, r int, i text, t text, d jsonb, m jsonb, v int, a timestamptz)
       ),
       clash AS (
         SELECT x.o, e.stream_id, e.revision FROM x JOIN ${this.#s}.events e ON e.event_id = x.i ORDER BY x.o LIMIT 1
       ),
       inserted AS (
         INSERT INTO ${this.#s}.events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
         SELECT s, r, i, t, d, m, v, a FROM x WHERE $2 AND NOT EXISTS (SELECT 1 FROM clash) ORDER BY o
         RETURNING 1
       )
       SELECT clash.o, clash.stream_id, clash.revision, (SELECT count(*) FROM inserted) AS inserted
         FROM (SELECT 1) AS one LEFT JOIN clash ON true`,
      [json, insert],
    );
    const clash = result[0];
    if (clash === undefined || clash.o === null) return undefined;
    return { index: clash.o, streamId: clash.stream_id, revision: clash.revision };
  }
}

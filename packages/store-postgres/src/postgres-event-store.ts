import { EventEmitter } from 'node:events';
import {
  type AppendResult,
  assertCheckpointExpected,
  assertDistinctStreams,
  assertReadStream,
  type BulkImportStore,
  type CheckedEvent,
  type CheckpointStore,
  ConcurrencyError,
  checkAppend,
  DuplicateEventIdError,
  type EventCatalogue,
  type EventStore,
  EventValidationError,
  type ExpectedRevision,
  type FollowMessage,
  type FollowOptions,
  type GlobalPosition,
  type ImportSession,
  type LedgerEvent,
  ledgerCatalogue,
  matchRetriedAppend,
  type NewEvent,
  nextAppendOrPoll,
  type ProjectionCheckpoint,
  type ReadAllOptions,
  type ReadModelTables,
  type ReadStreamOptions,
  type ReadValidation,
  type RecordedEvent,
  type SaveCheckpointOptions,
  type SnapshotStore,
  type StoreCapabilities,
  StoreClosedError,
  StoreNotFoundError,
  type StreamWrite,
  storedEventData,
} from '@order-ledger/core';
import pg from 'pg';
import { latestSchemaVersion, migrations, quoteIdent, SchemaTooNewError } from './migrations';
import { PostgresImportSession } from './postgres-import-session';
import { PostgresReadModelTables } from './postgres-read-model-tables';
import { assertSchemaName } from './schema-name';
import { PostgresSnapshots } from './snapshots';

const defaultSchema = 'order_ledger';

export interface PostgresEventStoreOptions {
  /** A connection string (`postgres://user@host:5432/db`) or an existing pool the store will not end. */
  readonly connection: string | pg.Pool;
  /** The PostgreSQL schema holding the store's tables. Default `order_ledger`. */
  readonly schema?: string;
  /**
   * `true` (default): a missing schema is created and migrated. `false`: only an existing ledger
   * is opened; a schema without one is `StoreNotFoundError` (reading never creates).
   */
  readonly create?: boolean;
  readonly catalogue?: EventCatalogue<LedgerEvent>;
  /** `type` (default) checks each read event's type is known; `full` parses every event. */
  readonly readValidation?: ReadValidation;
  /** How often a follower polls for events from other processes, in ms. Default 200. */
  readonly pollIntervalMs?: number;
  /** Rows per page when reading all. Default 2000. */
  readonly pageSize?: number;
  /** Connections in the pool the store creates from a connection string. Default 10. */
  readonly poolSize?: number;
  readonly now?: () => Date;
}

/** Work inside one PostgreSQL transaction: your read model's rows and its checkpoint commit together. */
export interface PostgresTransaction {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  loadCheckpoint(name: string): Promise<ProjectionCheckpoint | undefined>;
  saveCheckpoint(name: string, position: GlobalPosition, options: SaveCheckpointOptions): Promise<void>;
}

interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, string | number | boolean>;
  readonly schema_version: number;
  readonly recorded_at: Date;
}

interface AppendRow {
  readonly stream_id: string;
  readonly outcome: 'append' | 'retry' | 'conflict';
  readonly revision: number;
  readonly last_position: string;
}

const eventColumns = 'position, stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at';

/**
 * A PostgreSQL store. Every append is one call to a server-side function that takes one
 * transaction-level advisory lock: appends commit one after another, so the global order a reader
 * sees never skips an event that commits late (docs/architecture.md). All SQL is parameterised;
 * the schema name is the only identifier, and it is quoted.
 */
export class PostgresEventStore implements EventStore, BulkImportStore {
  readonly capabilities: StoreCapabilities = { atomicMultiStreamAppend: true, uniqueEventIds: true };
  readonly schema: string;
  readonly pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #catalogue: EventCatalogue<LedgerEvent>;
  readonly #readValidation: ReadValidation;
  readonly #pollIntervalMs: number;
  readonly #pageSize: number;
  readonly #now: () => Date;
  readonly #s: string;
  readonly #lockKey: string;
  readonly #appended = new EventEmitter();
  readonly snapshots: SnapshotStore;
  #closed = false;

  /** Connects, creates the schema if it is missing, and migrates it. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    assertSchemaName(options.schema ?? defaultSchema);
    const store = new PostgresEventStore(options);
    try {
      if (options.create === false && !(await store.#holdsLedger())) {
        throw new StoreNotFoundError(`schema ${store.schema}`, 'there is no ledger in it');
      }
      await store.#migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private constructor(options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? defaultSchema;
    this.#s = quoteIdent(this.schema);
    this.#ownsPool = typeof options.connection === 'string';
    this.pool =
      typeof options.connection === 'string'
        ? new pg.Pool({ connectionString: options.connection, max: options.poolSize ?? 10 })
        : options.connection;
    this.#catalogue = options.catalogue ?? ledgerCatalogue;
    this.#readValidation = options.readValidation ?? 'type';
    this.#pollIntervalMs = options.pollIntervalMs ?? 200;
    this.#pageSize = options.pageSize ?? 2000;
    this.#now = options.now ?? (() => new Date());
    this.#lockKey = String(lockKeyFor(this.schema));
    this.#appended.setMaxListeners(0);
    this.readModels = new PostgresReadModelTables({
      pool: this.pool,
      schema: this.#s,
      transaction: (work) => this.transaction(work),
      loadCheckpoint: (name) => this.checkpoints.loadCheckpoint(name),
    });
    this.snapshots = new PostgresSnapshots({
      assertOpen: () => this.#assertOpen(),
      pool: this.pool,
      schema: this.#s,
      toRecorded: (row) => this.#toRecorded(row as EventRow),
    });
  }

  /** Whether the schema has been migrated at least once. */
  async #holdsLedger(): Promise<boolean> {
    const { rows } = await this.pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
      `${this.#s}.schema_migrations`,
    ]);
    return rows[0]?.found !== null && rows[0]?.found !== undefined;
  }

  async #migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [lockKeyFor(`migrate:${this.schema}`)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.#s}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number | null }>(
        `SELECT max(version) AS version FROM ${this.#s}.schema_migrations`,
      );
      const current = rows[0]?.version ?? 0;
      if (current > latestSchemaVersion) throw new SchemaTooNewError(this.schema, current, latestSchemaVersion);
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        await client.query(migration.sql.replaceAll('{s}', this.#s));
        await client.query(`INSERT INTO ${this.#s}.schema_migrations (version) VALUES ($1)`, [migration.version]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const [result] = await this.appendToStreams([
      { streamId, events, expectedRevision: options.expectedRevision ?? 'any' },
    ]);
    if (result === undefined) throw new Error('unreachable: one write gives one result');
    return result;
  }

  async appendToStreams(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    this.#assertOpen();
    assertDistinctStreams(writes);
    const checked: CheckedEvent[][] = [];
    for (const write of writes) checked.push(await this.#validate(write));

    // What was checked is what is written: the parsed data and the copied metadata.
    const ids: string[] = [];
    const types: string[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    const versions: number[] = [];
    const recordedAt: string[] = [];
    const now = this.#now().toISOString();
    for (const event of checked.flat()) {
      ids.push(event.eventId);
      types.push(event.type);
      data.push(event.dataJson as string);
      metadata.push(JSON.stringify(event.metadata));
      versions.push(event.schemaVersion);
      recordedAt.push(event.recordedAt ?? now);
    }
    let rows: AppendRow[];
    try {
      ({ rows } = await this.pool.query<AppendRow>(
        `SELECT * FROM ${this.#s}.append_events($1, $2, $3, $4, $5, $6::jsonb[], $7::jsonb[], $8, $9::timestamptz[], $10)`,
        [
          writes.map((write) => write.streamId),
          writes.map((write) => expectedOnServer(write.expectedRevision)),
          writes.map((write) => write.events.length),
          ids,
          types,
          data,
          metadata,
          versions,
          recordedAt,
          this.#lockKey,
        ],
      ));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (error.constraint === eventIdIndex) {
        // The event-id index refused a reused id, and everything rolled back: a clean retry of the
        // whole append answers as the first did; anything else is a duplicate id.
        return this.#retriedOrDuplicate(writes);
      }
      if (error.constraint === streamRevisionIndex) throw await this.#revisionTaken(writes, error);
      throw new Error(
        `append to ${writes.map((write) => write.streamId).join(', ')}: refused by the unique constraint ` +
          `${error.constraint ?? '(unnamed)'}, which is not the store's own: ${error.message}`,
        { cause: error },
      );
    }
    for (const [index, row] of rows.entries()) {
      const write = writes[index];
      if (write === undefined) continue;
      if (row.outcome === 'conflict') {
        throw new ConcurrencyError(
          write.streamId,
          write.expectedRevision,
          row.revision === -1 ? 'no_stream' : row.revision,
        );
      }
    }
    this.#appended.emit('append');
    return rows.map((row) => ({
      streamId: row.stream_id,
      nextExpectedRevision: row.revision,
      position: Number(row.last_position),
    }));
  }

  /**
   * Starts an import (`importHistory` in core drives it): one transaction on one connection, holding
   * the append lock from the start, so other appends wait for it and readers see it all at once.
   */
  async beginImport(): Promise<ImportSession> {
    this.#assertOpen();
    return PostgresImportSession.begin(this.pool, this.#s, this.#lockKey, this.#catalogue, this.#now, (committed) => {
      if (committed) this.#appended.emit('append');
    });
  }

  /**
   * Checks before any round trip, and returns the events as they must be written. On an invalid
   * event, asks the stream's revision so the error says where.
   */
  async #validate(write: StreamWrite): Promise<CheckedEvent[]> {
    try {
      return checkAppend(write.streamId, write.events, write.expectedRevision, this.#catalogue, 0, { json: true });
    } catch (error) {
      if (!(error instanceof EventValidationError)) throw error;
      const { rows } = await this.pool.query<{ revision: number | null }>(
        `SELECT max(revision) AS revision FROM ${this.#s}.events WHERE stream_id = $1`,
        [write.streamId],
      );
      const first = (rows[0]?.revision ?? -1) + 1;
      throw new EventValidationError(error.eventType, error.issues, {
        streamId: write.streamId,
        revision: first + (error.location.revision ?? 0),
      });
    }
  }

  /**
   * The index on (stream, revision) refused a row: something wrote to the stream without taking
   * this store's append lock (another program, or a store opened on the same schema by an older
   * version). The stream moved under the append: a conflict, retriable like any other.
   */
  async #revisionTaken(writes: readonly StreamWrite[], error: UniqueViolation): Promise<ConcurrencyError> {
    const write =
      writes.find((candidate) => error.detail?.startsWith(`Key (stream_id, revision)=(${candidate.streamId}, `)) ??
      writes[0];
    if (write === undefined) throw new Error('unreachable: an append has at least one write');
    const { rows } = await this.pool.query<{ revision: number | null }>(
      `SELECT max(revision) AS revision FROM ${this.#s}.events WHERE stream_id = $1`,
      [write.streamId],
    );
    const actual = rows[0]?.revision ?? null;
    return new ConcurrencyError(write.streamId, write.expectedRevision, actual === null ? 'no_stream' : actual);
  }

  async #retriedOrDuplicate(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    const ids = writes.flatMap((write) => write.events.map((event) => event.eventId));
    const { rows } = await this.pool.query<{ event_id: string; stream_id: string; revision: number; position: string }>(
      `SELECT event_id, stream_id, revision, position FROM ${this.#s}.events WHERE event_id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.event_id, row]));
    const results: AppendResult[] = [];
    for (const write of writes) {
      const found = write.events.map((event) => byId.get(event.eventId));
      const lastRevision = matchRetriedAppend(
        write.streamId,
        write.events,
        found.map((row) => (row === undefined ? undefined : { streamId: row.stream_id, revision: row.revision })),
      );
      const last = found.at(-1);
      if (lastRevision === undefined || last === undefined) {
        const clash = rows[0];
        throw new DuplicateEventIdError(
          clash?.event_id ?? '?',
          write.streamId,
          clash === undefined
            ? 'clashes with an earlier append'
            : `was already written to ${clash.stream_id} at revision ${clash.revision}`,
        );
      }
      results.push({ streamId: write.streamId, nextExpectedRevision: lastRevision, position: Number(last.position) });
    }
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    assertReadStream(streamId, options);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${eventColumns} FROM ${this.#s}.events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    );
    return rows.map((row) => this.#toRecorded(row));
  }

  async readEventsById(eventIds: readonly string[]): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${eventColumns} FROM ${this.#s}.events WHERE event_id = ANY($1)`,
      [eventIds],
    );
    return rows.map((row) => this.#toRecorded(row));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen();
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = await this.#readPage(after, Math.min(this.#pageSize, remaining));
      for (const row of rows) yield this.#toRecorded(row);
      const last = rows.at(-1);
      if (last === undefined) return;
      after = Number(last.position);
      remaining -= rows.length;
    }
  }

  async #readPage(after: GlobalPosition, limit: number): Promise<EventRow[]> {
    this.#assertOpen();
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${eventColumns} FROM ${this.#s}.events WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, limit],
    );
    return rows;
  }

  async *follow(options: FollowOptions = {}): AsyncIterable<FollowMessage> {
    const { signal } = options;
    let after = options.after ?? 0;
    while (!signal?.aborted && !this.#closed) {
      const rows = await this.#readPage(after, this.#pageSize);
      for (const row of rows) {
        yield { kind: 'event', event: this.#toRecorded(row) };
        after = Number(row.position);
        if (signal?.aborted) return;
      }
      if (rows.length === this.#pageSize) continue;
      yield { kind: 'caught-up', position: after };
      await nextAppendOrPoll(this.#appended, this.#pollIntervalMs, signal);
    }
  }

  /** Read models kept row by row in this schema, committed with their checkpoints. */
  readonly readModels: ReadModelTables;

  readonly checkpoints: CheckpointStore = {
    loadCheckpoint: (name) => {
      this.#assertOpen();
      return this.#loadCheckpoint(this.pool, name, false);
    },
    saveCheckpoint: (name, position, options) => this.transaction((tx) => tx.saveCheckpoint(name, position, options)),
    deleteCheckpoint: async (name) => {
      this.#assertOpen();
      await this.pool.query(`DELETE FROM ${this.#s}.projection_checkpoints WHERE name = $1`, [name]);
    },
  };

  /**
   * Runs `work` in one transaction on one connection: a read model stored in this database and its
   * checkpoint commit together, or neither does (any throw rolls back).
   */
  async transaction<T>(work: (tx: PostgresTransaction) => Promise<T>): Promise<T> {
    this.#assertOpen();
    const client = await this.pool.connect();
    const s = this.#s;
    const load = (name: string, lock: boolean) => this.#loadCheckpoint(client, name, lock);
    const tx: PostgresTransaction = {
      query: (text, values) => client.query(text, values),
      loadCheckpoint: (name) => load(name, false),
      saveCheckpoint: async (name, position, options) => {
        // Lock the row (or, for a first save, rely on the primary key) so two runners cannot both win.
        assertCheckpointExpected(name, options, (await load(name, true))?.position);
        const inserted = await client.query(
          `INSERT INTO ${s}.projection_checkpoints (name, position, version, state, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (name) DO ${options.expected === null ? 'NOTHING' : 'UPDATE SET position = excluded.position, version = excluded.version, state = excluded.state, updated_at = excluded.updated_at'}`,
          [
            name,
            position,
            options.version,
            options.state === undefined ? null : JSON.stringify(options.state),
            this.#now(),
          ],
        );
        if (inserted.rowCount === 0) {
          assertCheckpointExpected(name, options, (await load(name, true))?.position);
        }
      },
    };
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A checkpoint as stored; `lock` holds its row for the rest of the caller's transaction. */
  async #loadCheckpoint(
    db: pg.Pool | pg.PoolClient,
    name: string,
    lock: boolean,
  ): Promise<ProjectionCheckpoint | undefined> {
    const { rows } = await db.query<{ name: string; position: string; version: number; state: unknown }>(
      `SELECT name, position, version, state FROM ${this.#s}.projection_checkpoints WHERE name = $1${lock ? ' FOR UPDATE' : ''}`,
      [name],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const checkpoint = { name: row.name, position: Number(row.position), version: row.version };
    return row.state === null ? checkpoint : { ...checkpoint, state: row.state };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#appended.emit('append');
    if (this.#ownsPool) await this.pool.end();
  }

  #toRecorded(row: EventRow): RecordedEvent {
    const data = storedEventData(
      this.#catalogue,
      this.#readValidation,
      row.type,
      row.data,
      row.schema_version,
      row.stream_id,
      row.revision,
    );
    // One object literal, no spread: this runs once per event of every replay.
    return {
      type: row.type,
      data,
      eventId: row.event_id,
      streamId: row.stream_id,
      revision: row.revision,
      position: Number(row.position),
      schemaVersion: row.schema_version,
      metadata: row.metadata,
      recordedAt: row.recorded_at.toISOString(),
    } as RecordedEvent;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }
}

/** The unique indexes of the events table, by the names PostgreSQL gave them in migration 1. */
const eventIdIndex = 'events_event_id_key';
const streamRevisionIndex = 'events_stream_id_revision_key';

/** What a unique violation carries; read by shape, since a pool given by the caller may come from another copy of `pg`. */
interface UniqueViolation extends Error {
  readonly code: '23505';
  readonly constraint?: string;
  readonly detail?: string;
}

function isUniqueViolation(error: unknown): error is UniqueViolation {
  return error instanceof Error && 'code' in error && error.code === '23505';
}

/** The largest revision the `integer` column holds. */
const maxStoredRevision = 2 ** 31 - 1;

/**
 * The expected revision as `append_events` reads it (text, cast to `integer` there). A revision
 * past what the column holds cannot be any stream's: it goes as -2, which no stream is at either
 * (a missing one is at -1), so the server answers with a conflict and the stream's real revision,
 * as every other store does, rather than failing the cast.
 */
function expectedOnServer(expected: ExpectedRevision): string {
  return typeof expected === 'number' && expected > maxStoredRevision ? '-2' : String(expected);
}

/** A stable 63-bit advisory lock key for a name (FNV-1a, folded to a signed bigint). */
export function lockKeyFor(name: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(`order-ledger:${name}`)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return BigInt.asIntN(64, hash);
}

import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type AppendResult,
  assertCheckpointExpected,
  assertDistinctStreams,
  assertExpectedRevision,
  assertReadStream,
  type BulkImportStore,
  type CheckpointStore,
  ConcurrencyError,
  checkAppend,
  DuplicateEventIdError,
  type EventCatalogue,
  type EventStore,
  type ExpectedRevision,
  type FollowMessage,
  type FollowOptions,
  type GlobalPosition,
  type ImportSession,
  type LedgerEvent,
  ledgerCatalogue,
  matchRetriedAppend,
  type NewEvent,
  NO_STREAM_REVISION,
  nextAppendOrPoll,
  type ProjectionCheckpoint,
  type ReadAllOptions,
  type ReadModelTables,
  type ReadStreamOptions,
  type RecordedEvent,
  type SaveCheckpointOptions,
  type SnapshotStore,
  StoreCannotOpenError,
  type StoreCapabilities,
  StoreClosedError,
  StoreNotFoundError,
  type StreamWrite,
} from '@order-ledger/core';
import BetterSqlite3 from 'better-sqlite3';
import { isEventIdClash } from './event-id-clash';
import { migrate } from './migrations';
import { type EventRow, type ReadValidation, toRecorded } from './row-mapping';
import { SqliteSnapshots } from './snapshots';
import { sqliteErrorInWords } from './sqlite-errors';
import { SqliteImportSession } from './sqlite-import-session';
import { SqliteReadModelTables } from './sqlite-read-model-tables';
import { whileBusy } from './while-busy';

/** The file a user gets with no configuration. */
export const defaultSqliteFile = 'order-ledger.db';

export interface SqliteEventStoreOptions {
  /** The catalogue appends are validated against. Default: the ledger's. */
  readonly catalogue?: EventCatalogue<LedgerEvent>;
  /** How much reads trust the file. Default `type` (see `ReadValidation`). */
  readonly readValidation?: ReadValidation;
  /**
   * `normal` (default): an acknowledged append survives the process being killed; a power cut
   * may lose the last few. `full`: it also survives a power cut, at a cost per commit.
   */
  readonly synchronous?: 'normal' | 'full';
  /** How long to wait for another process's write lock before giving up, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** How often a follower looks for events written by other processes, in ms. Default 250. */
  readonly pollIntervalMs?: number;
  /** Rows per page when reading all. Default 2000. */
  readonly pageSize?: number;
  /** The wall clock for `recordedAt`. */
  readonly now?: () => Date;
  /**
   * `true` (default): a missing file (and its folder) is created and migrated. `false`: only an
   * existing ledger is opened; anything else is `StoreNotFoundError` (reading never creates).
   */
  readonly create?: boolean;
}

/** Work done inside one SQLite transaction: your own tables and the checkpoint commit together. */
export interface SqliteTransaction {
  /** The connection, for the read model's own statements. Synchronous, like all of better-sqlite3. */
  readonly db: BetterSqlite3.Database;
  loadCheckpoint(name: string): ProjectionCheckpoint | undefined;
  saveCheckpoint(name: string, position: GlobalPosition, options: SaveCheckpointOptions): void;
}

interface CheckpointRow {
  readonly name: string;
  readonly position: number;
  readonly version: number;
  readonly state: string | null;
}

/**
 * The embedded default store: one SQLite file in WAL mode, its schema created and migrated by the
 * store itself. Appends take SQLite's write lock for their whole transaction (`BEGIN IMMEDIATE`),
 * so writers (threads or processes) are serialised and the global order is the commit order.
 */
export class SqliteEventStore implements EventStore, BulkImportStore {
  readonly capabilities: StoreCapabilities = { atomicMultiStreamAppend: true, uniqueEventIds: true };
  readonly file: string;
  readonly db: BetterSqlite3.Database;
  readonly #catalogue: EventCatalogue<LedgerEvent>;
  readonly #readValidation: ReadValidation;
  readonly #pollIntervalMs: number;
  readonly #pageSize: number;
  readonly #now: () => Date;
  readonly #appended = new EventEmitter();
  readonly #statements;
  readonly snapshots: SnapshotStore;
  /** Made once: better-sqlite3 transaction wrappers are not free to create per append. */
  readonly #appendTransaction: BetterSqlite3.Transaction<
    (writes: readonly StreamWrite[], recordedAt: string) => AppendResult[]
  >;
  #closed = false;
  /** The import in progress, if any: this store's own appends wait for it to end. */
  #import: { readonly session: ImportSession; readonly ended: Promise<void> } | undefined;
  readonly #busyTimeoutMs: number;
  readonly #synchronous: 'NORMAL' | 'FULL';

  /**
   * Opens (creating if need be) the store in `file`, and migrates its schema. With no file, the
   * default: `order-ledger.db` in the working directory.
   */
  static open(file: string = defaultSqliteFile, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const create = options.create ?? true;
    if (file !== ':memory:') {
      if (!create && !existsSync(file)) throw new StoreNotFoundError(file, 'there is no such file');
      if (create) {
        try {
          mkdirSync(dirname(file), { recursive: true });
        } catch (error) {
          throw new StoreCannotOpenError(`cannot create ${file}: ${(error as Error).message}`, { cause: error });
        }
      }
    }
    return new SqliteEventStore(file, options);
  }

  private constructor(file: string, options: SqliteEventStoreOptions) {
    this.file = file;
    this.#catalogue = options.catalogue ?? ledgerCatalogue;
    this.#readValidation = options.readValidation ?? 'type';
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#pageSize = options.pageSize ?? 2000;
    this.#now = options.now ?? (() => new Date());
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.#synchronous = options.synchronous === 'full' ? 'FULL' : 'NORMAL';
    this.db = openDatabase(file, options.create ?? true);
    try {
      // The wait for another process's lock comes first: a new file is switched to WAL, and
      // migrated, while other processes may be opening it too.
      this.db.pragma(`busy_timeout = ${this.#busyTimeoutMs}`);
      const db = this.db;
      whileBusy(() => {
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${this.#synchronous}`);
        if (options.create === false && !holdsLedger(db)) {
          throw new StoreNotFoundError(file, 'the file is a SQLite database, but holds no ledger');
        }
        migrate(db, file);
      });
    } catch (error) {
      this.db.close();
      throw sqliteErrorInWords(error, file);
    }
    this.#appended.setMaxListeners(0);
    this.#statements = {
      currentRevision: this.db
        .prepare<[string], number>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
        .pluck(),
      eventById: this.db.prepare<[string], { stream_id: string; revision: number; position: number }>(
        'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
      ),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      readStream: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      // The ids travel as one JSON array: one prepared statement for any number of them.
      readById: this.db.prepare<[string], EventRow>(
        'SELECT * FROM events WHERE event_id IN (SELECT value FROM json_each(?))',
      ),
      readAll: this.db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      loadCheckpoint: this.db.prepare<[string], CheckpointRow>(
        'SELECT name, position, version, state FROM projection_checkpoints WHERE name = ?',
      ),
      saveCheckpoint: this.db.prepare(
        `INSERT INTO projection_checkpoints (name, position, version, state, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, version = excluded.version,
         state = excluded.state, updated_at = excluded.updated_at`,
      ),
      deleteCheckpoint: this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?'),
    };
    this.readModels = new SqliteReadModelTables(this.db, {
      load: (name) => this.#loadCheckpoint(name),
      save: (name, position, options) => this.#saveCheckpoint(name, position, options),
      delete: (name) => this.#statements.deleteCheckpoint.run(name),
    });
    this.snapshots = new SqliteSnapshots(this.db, {
      assertOpen: () => this.#assertOpen(),
      readStream: (streamId, fromRevision) =>
        this.#statements.readStream
          .all(streamId, fromRevision, -1)
          .map((row) => toRecorded(row, this.#catalogue, this.#readValidation)),
      now: this.#now,
    });
    this.#appendTransaction = this.db.transaction((writes: readonly StreamWrite[], recordedAt: string) => {
      const parts = writes.map((write) => this.#appendOne(write, recordedAt));
      // A retry repeats the whole append. Parts written before beside parts that are new are not a
      // retry: those parts conflict, and throwing here rolls the new parts back.
      const retried = parts.findIndex((part) => part.retried);
      if (retried !== -1 && parts.some((part) => !part.retried)) {
        const write = writes[retried];
        const current = write === undefined ? null : this.#statements.currentRevision.get(write.streamId);
        throw new ConcurrencyError(
          write?.streamId ?? '?',
          write?.expectedRevision ?? 'any',
          current === null || current === undefined ? 'no_stream' : current,
        );
      }
      return parts.map((part) => part.result);
    });
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (this.#import !== undefined) await this.#afterImport();
    const [result] = this.#append([{ streamId, events, expectedRevision: options.expectedRevision ?? 'any' }]);
    if (result === undefined) throw new Error('unreachable: one write gives one result');
    return result;
  }

  async appendToStreams(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    if (this.#import !== undefined) await this.#afterImport();
    return this.#append(writes);
  }

  /**
   * Starts an import (`importHistory` in core drives it): one write transaction on a connection of
   * its own, so readers of this store see nothing of it until it commits, and appends made through
   * this store meanwhile wait for it to end. Other processes' writers wait up to their busy timeout.
   */
  async beginImport(): Promise<ImportSession> {
    this.#assertOpen();
    while (this.#import !== undefined) await this.#afterImport();
    // A database in memory has no second connection to it: the import then shares this one.
    const own = this.file !== ':memory:';
    const db = own ? new BetterSqlite3(this.file) : this.db;
    let ended = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      ended = resolve;
    });
    try {
      if (own) {
        db.pragma(`busy_timeout = ${this.#busyTimeoutMs}`);
        db.pragma(`synchronous = ${this.#synchronous}`);
      }
      const session = new SqliteImportSession(db, this.#catalogue, this.#now, (committed) => {
        if (own) db.close();
        this.#import = undefined;
        ended();
        if (committed) this.#appended.emit('append');
      });
      this.#import = { session, ended: done };
      return session;
    } catch (error) {
      if (own) db.close();
      throw error;
    }
  }

  async #afterImport(): Promise<void> {
    await this.#import?.ended;
    this.#assertOpen();
  }

  #append(writes: readonly StreamWrite[]): AppendResult[] {
    this.#assertOpen();
    assertDistinctStreams(writes);
    const recordedAt = this.#now().toISOString();
    let results: AppendResult[];
    try {
      results = this.#appendTransaction.immediate(writes, recordedAt);
    } catch (error) {
      if (!isEventIdClash(error)) throw error;
      // The index refused a reused id (and rolled everything back): a clean retry of the whole
      // append answers as the first did; anything else is a duplicate id.
      const retried = writes.map((write) => this.#retriedResult(write));
      if (retried.every((result) => result !== undefined)) return retried as AppendResult[];
      throw this.#duplicateError(writes);
    }
    this.#appended.emit('append');
    return results;
  }

  /** One stream's part of an append, inside the transaction. Throws before writing if refused. */
  #appendOne(write: StreamWrite, recordedAt: string): { result: AppendResult; retried: boolean } {
    const { streamId, events, expectedRevision } = write;
    const current = this.#statements.currentRevision.get(streamId) ?? NO_STREAM_REVISION;
    const checked = checkAppend(streamId, events, expectedRevision, this.#catalogue, current + 1, { json: true });
    try {
      assertExpectedRevision(streamId, expectedRevision, current);
    } catch (error) {
      // A retry of an append that succeeded finds the stream moved on by its own first attempt.
      const retried = this.#retriedResult(write);
      if (retried !== undefined) return { result: retried, retried: true };
      throw error;
    }
    let revision = current;
    let position = 0;
    // What was checked is what is written: the parsed data and the copied metadata.
    for (const event of checked) {
      revision += 1;
      const info = this.#statements.insert.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        event.dataJson,
        JSON.stringify(event.metadata),
        event.schemaVersion,
        event.recordedAt ?? recordedAt,
      );
      position = Number(info.lastInsertRowid);
    }
    return { result: { streamId, nextExpectedRevision: revision, position }, retried: false };
  }

  /**
   * The first append's answer, when `write` repeats it exactly (same ids, same stream, in order);
   * undefined when none of its ids exist. Throws when only some do, or elsewhere. Only looked up
   * off the happy path: after a refused revision, or after the event-id index refused a row.
   */
  #retriedResult(write: StreamWrite): AppendResult | undefined {
    const found = write.events.map((event) => this.#statements.eventById.get(event.eventId));
    const lastRevision = matchRetriedAppend(
      write.streamId,
      write.events,
      found.map((row) => (row === undefined ? undefined : { streamId: row.stream_id, revision: row.revision })),
    );
    const last = found.at(-1);
    if (lastRevision === undefined || last === undefined) return undefined;
    return { streamId: write.streamId, nextExpectedRevision: lastRevision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    assertReadStream(streamId, options);
    const rows = this.#statements.readStream.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1);
    return rows.map((row) => toRecorded(row, this.#catalogue, this.#readValidation));
  }

  async readEventsById(eventIds: readonly string[]): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const rows = this.#statements.readById.all(JSON.stringify(eventIds));
    return rows.map((row) => toRecorded(row, this.#catalogue, this.#readValidation));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen();
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = this.#readPage(after, Math.min(this.#pageSize, remaining));
      for (const row of rows) yield toRecorded(row, this.#catalogue, this.#readValidation);
      if (rows.length === 0) return;
      after = rows.at(-1)?.position ?? after;
      remaining -= rows.length;
    }
  }

  /** The raw rows of one page: for callers that map rows themselves (benchmarks, exports). */
  #readPage(after: GlobalPosition, limit: number): EventRow[] {
    this.#assertOpen();
    return this.#statements.readAll.all(after, limit);
  }

  async *follow(options: FollowOptions = {}): AsyncIterable<FollowMessage> {
    const { signal } = options;
    let after = options.after ?? 0;
    while (!signal?.aborted && !this.#closed) {
      const rows = this.#readPage(after, this.#pageSize);
      for (const row of rows) {
        yield { kind: 'event', event: toRecorded(row, this.#catalogue, this.#readValidation) };
        after = row.position;
        if (signal?.aborted) return;
      }
      if (rows.length === this.#pageSize) continue;
      yield { kind: 'caught-up', position: after };
      // Appends in this process wake the follower at once; other processes' are found by polling.
      await nextAppendOrPoll(this.#appended, this.#pollIntervalMs, signal);
    }
  }

  /** Read models kept row by row in this file, committed with their checkpoints. */
  readonly readModels: ReadModelTables;

  readonly checkpoints: CheckpointStore = {
    loadCheckpoint: async (name) => this.#loadCheckpoint(name),
    saveCheckpoint: async (name, position, options) => {
      if (this.#import !== undefined) await this.#afterImport();
      this.db.transaction(() => this.#saveCheckpoint(name, position, options)).immediate();
    },
    deleteCheckpoint: async (name) => {
      this.#assertOpen();
      this.#statements.deleteCheckpoint.run(name);
    },
  };

  /**
   * Runs `work` in one write transaction: a read model kept in this file and its checkpoint
   * commit together, or neither does. `work` is synchronous (better-sqlite3 is).
   */
  transaction<T>(work: (tx: SqliteTransaction) => T): T {
    this.#assertOpen();
    if (this.#import !== undefined) {
      throw new Error('an import into this store is in progress: run the transaction once it ends');
    }
    const tx: SqliteTransaction = {
      db: this.db,
      loadCheckpoint: (name) => this.#loadCheckpoint(name),
      saveCheckpoint: (name, position, options) => this.#saveCheckpoint(name, position, options),
    };
    return this.db.transaction(() => work(tx)).immediate();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // An import still open is abandoned: nothing of it was committed, and nothing will be.
    await this.#import?.session.rollback();
    this.#closed = true;
    this.#appended.emit('append');
    this.db.close();
  }

  #loadCheckpoint(name: string): ProjectionCheckpoint | undefined {
    this.#assertOpen();
    const row = this.#statements.loadCheckpoint.get(name);
    if (row === undefined) return undefined;
    const checkpoint = { name: row.name, position: row.position, version: row.version };
    return row.state === null ? checkpoint : { ...checkpoint, state: JSON.parse(row.state) as unknown };
  }

  #saveCheckpoint(name: string, position: GlobalPosition, options: SaveCheckpointOptions): void {
    assertCheckpointExpected(name, options, this.#loadCheckpoint(name)?.position);
    const state = options.state === undefined ? null : JSON.stringify(options.state);
    this.#statements.saveCheckpoint.run(name, position, options.version, state, this.#now().toISOString());
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  /** Names the first of the append's ids that another append already wrote. */
  #duplicateError(writes: readonly StreamWrite[]): DuplicateEventIdError {
    for (const write of writes) {
      for (const event of write.events) {
        const found = this.#statements.eventById.get(event.eventId);
        if (found !== undefined) {
          return new DuplicateEventIdError(
            event.eventId,
            write.streamId,
            `was already written to ${found.stream_id} at revision ${found.revision}`,
          );
        }
      }
    }
    return new DuplicateEventIdError('?', writes[0]?.streamId ?? '?', 'clashes with an earlier append');
  }
}

/** Opens the file; without `create`, only one that exists. */
function openDatabase(file: string, create: boolean): BetterSqlite3.Database {
  try {
    return new BetterSqlite3(file, { fileMustExist: !create });
  } catch (error) {
    throw sqliteErrorInWords(error, file);
  }
}

/** Whether an existing file was ever a ledger: it has our events table. */
function holdsLedger(db: BetterSqlite3.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
}

import {
  type BatchOutcome,
  checkImportEvent,
  DuplicateEventIdError,
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
} from '@order-ledger/core';
import type BetterSqlite3 from 'better-sqlite3';
import { isEventIdClash } from './event-id-clash';

/** Streams whose revision the session keeps in mind; past this it forgets them all and asks again. */
const rememberedStreams = 200_000;

/**
 * One import into a SQLite file, in one write transaction (`BEGIN IMMEDIATE` … `COMMIT`): other
 * writers wait for it (up to their busy timeout), readers see none of it until it commits.
 * Each batch runs inside a savepoint, so a refused event undoes its batch and nothing else.
 *
 * Per event: the checks of an append (`checkImportEvent`), the stream's revision (asked once per
 * stream, then counted here), and one prepared INSERT. The event-id index finds an id used
 * elsewhere; an event the stream already holds (a re-run) is recognised by its id and skipped.
 */
export class SqliteImportSession implements ImportSession {
  readonly #db: BetterSqlite3.Database;
  readonly #catalogue: EventCatalogue<LedgerEvent>;
  readonly #now: () => Date;
  readonly #onEnd: (committed: boolean) => void;
  readonly #revisions = new Map<string, number>();
  readonly #statements;
  #open = true;

  /** Takes the write lock on `db` and starts the import. `onEnd` runs once, when it commits or rolls back. */
  constructor(
    db: BetterSqlite3.Database,
    catalogue: EventCatalogue<LedgerEvent>,
    now: () => Date,
    onEnd: (committed: boolean) => void,
  ) {
    this.#db = db;
    this.#catalogue = catalogue;
    this.#now = now;
    this.#onEnd = onEnd;
    this.#statements = {
      currentRevision: db
        .prepare<[string], number>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
        .pluck(),
      eventById: db.prepare<[string], { stream_id: string; revision: number }>(
        'SELECT stream_id, revision FROM events WHERE event_id = ?',
      ),
      insert: db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      savepoint: db.prepare('SAVEPOINT import_batch'),
      release: db.prepare('RELEASE import_batch'),
      rollbackBatch: db.prepare('ROLLBACK TO import_batch'),
    };
    db.prepare('BEGIN IMMEDIATE').run();
  }

  async write(batch: readonly ImportEvent[]): Promise<BatchOutcome> {
    if (!this.#open) throw new StoreClosedError();
    const recordedAt = this.#now().toISOString();
    const moved = new Map<string, number>();
    let written = 0;
    let alreadyThere = 0;
    let index = 0;
    this.#statements.savepoint.run();
    try {
      for (; index < batch.length; index += 1) {
        const event = batch[index] as ImportEvent;
        const checked = checkImportEvent(event, this.#catalogue, true);
        const current = moved.get(event.streamId) ?? this.#revisionOf(event.streamId);
        const placed = placeImportEvent(
          event,
          current,
          event.revision <= current ? this.#writtenAt(event.eventId) : undefined,
        );
        if (placed === 'there') {
          alreadyThere += 1;
          continue;
        }
        if (placed !== 'new') throw placed;
        this.#insert(event, checked.dataJson as string, JSON.stringify(checked.metadata), checked, recordedAt);
        moved.set(event.streamId, event.revision);
        written += 1;
      }
      this.#statements.release.run();
    } catch (error) {
      this.#statements.rollbackBatch.run();
      this.#statements.release.run();
      const event = batch[index];
      throw error instanceof LedgerError && event !== undefined ? new ImportRefusedError(index, event, error) : error;
    }
    if (this.#revisions.size + moved.size > rememberedStreams) this.#revisions.clear();
    for (const [streamId, revision] of moved) this.#revisions.set(streamId, revision);
    return { written, alreadyThere };
  }

  async commit(): Promise<void> {
    if (!this.#open) throw new StoreClosedError();
    this.#db.prepare('COMMIT').run();
    this.#end(true);
  }

  async rollback(): Promise<void> {
    if (!this.#open) return;
    if (this.#db.inTransaction) this.#db.prepare('ROLLBACK').run();
    this.#end(false);
  }

  #end(committed: boolean): void {
    this.#open = false;
    this.#onEnd(committed);
  }

  #insert(
    event: ImportEvent,
    dataJson: string,
    metadataJson: string,
    checked: { readonly type: string; readonly schemaVersion: number; readonly recordedAt: string | undefined },
    recordedAt: string,
  ): void {
    try {
      this.#statements.insert.run(
        event.streamId,
        event.revision,
        event.eventId,
        checked.type,
        dataJson,
        metadataJson,
        checked.schemaVersion,
        checked.recordedAt ?? recordedAt,
      );
    } catch (error) {
      if (!isEventIdClash(error)) throw error;
      const found = this.#writtenAt(event.eventId);
      throw found === undefined
        ? new DuplicateEventIdError(event.eventId, event.streamId, 'clashes with an earlier event')
        : idAlreadyWritten(event.eventId, event.streamId, found);
    }
  }

  #revisionOf(streamId: string): number {
    const known = this.#revisions.get(streamId);
    if (known !== undefined) return known;
    const current = this.#statements.currentRevision.get(streamId) ?? NO_STREAM_REVISION;
    this.#revisions.set(streamId, current);
    return current;
  }

  #writtenAt(eventId: string): { streamId: string; revision: number } | undefined {
    const row = this.#statements.eventById.get(eventId);
    return row === undefined ? undefined : { streamId: row.stream_id, revision: row.revision };
  }
}

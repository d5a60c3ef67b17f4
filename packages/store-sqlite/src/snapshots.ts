import type { RecordedEvent, SnapshotRead, SnapshotStore, StreamSnapshot } from '@order-ledger/core';
import type BetterSqlite3 from 'better-sqlite3';

/** Migration 2: one row per stream and fold, replaced by each save (see `SnapshotStore`). */
export const snapshotTableSql = `
  CREATE TABLE stream_snapshots (
    stream_id TEXT    NOT NULL,
    fold      TEXT    NOT NULL,
    version   TEXT    NOT NULL,
    revision  INTEGER NOT NULL,
    event_id  TEXT    NOT NULL,
    state     TEXT    NOT NULL,
    saved_at  TEXT    NOT NULL,
    PRIMARY KEY (stream_id, fold)
  ) WITHOUT ROWID;
`;

/** What the snapshots need of the store they live in. */
export interface SnapshotsHost {
  readonly assertOpen: () => void;
  /** The stream's events from a revision on, as the store reads them. */
  readonly readStream: (streamId: string, fromRevision: number) => RecordedEvent[];
  readonly now: () => Date;
}

interface SnapshotRow {
  readonly revision: number;
  readonly event_id: string;
  readonly state: string;
}

/**
 * Fold snapshots in the store's file. A save is its own small transaction, never part of an
 * append: a snapshot describes events already committed, and one lost costs a longer fold.
 */
export class SqliteSnapshots implements SnapshotStore {
  readonly #load: BetterSqlite3.Statement<[string, string, string], SnapshotRow>;
  readonly #save: BetterSqlite3.Statement;
  readonly #store: SnapshotsHost;

  constructor(db: BetterSqlite3.Database, store: SnapshotsHost) {
    this.#load = db.prepare(
      'SELECT revision, event_id, state FROM stream_snapshots WHERE stream_id = ? AND fold = ? AND version = ?',
    );
    this.#save = db.prepare(
      `INSERT INTO stream_snapshots (stream_id, fold, version, revision, event_id, state, saved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id, fold) DO UPDATE SET version = excluded.version, revision = excluded.revision,
       event_id = excluded.event_id, state = excluded.state, saved_at = excluded.saved_at`,
    );
    this.#store = store;
  }

  async readFromSnapshot(streamId: string, fold: string, version: string): Promise<SnapshotRead> {
    this.#store.assertOpen();
    const row = this.#load.get(streamId, fold, version);
    const snapshot =
      row === undefined
        ? undefined
        : { streamId, fold, version, revision: row.revision, eventId: row.event_id, state: parsedState(row.state) };
    return { snapshot, events: this.#store.readStream(streamId, snapshot?.revision ?? 0) };
  }

  async saveSnapshot(snapshot: StreamSnapshot): Promise<void> {
    this.#store.assertOpen();
    this.#save.run(
      snapshot.streamId,
      snapshot.fold,
      snapshot.version,
      snapshot.revision,
      snapshot.eventId,
      JSON.stringify(snapshot.state),
      this.#store.now().toISOString(),
    );
  }
}

/** State that is not JSON reads as none: the ledger finds the snapshot unusable, folds the stream from the start and replaces it. */
function parsedState(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

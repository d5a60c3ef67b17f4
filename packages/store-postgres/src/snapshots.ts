import type { RecordedEvent, SnapshotRead, SnapshotStore, StreamSnapshot } from '@order-ledger/core';
import type pg from 'pg';

/** Migration 3: one row per stream and fold, replaced by each save (see `SnapshotStore`). `{s}` is the schema. */
export const snapshotTableSql = `
  CREATE TABLE {s}.stream_snapshots (
    stream_id text        NOT NULL,
    fold      text        NOT NULL,
    version   text        NOT NULL,
    revision  integer     NOT NULL,
    event_id  text        NOT NULL,
    state     jsonb       NOT NULL,
    saved_at  timestamptz NOT NULL,
    PRIMARY KEY (stream_id, fold)
  );
`;

/** An `events` row as `pg` returns it, or the snapshot row in its place (`part` 0). */
export interface SnapshotOrEventRow {
  readonly part: 0 | 1;
  readonly position: string | null;
  readonly stream_id: string | null;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string | null;
  readonly data: unknown;
  readonly metadata: Record<string, string | number | boolean> | null;
  readonly schema_version: number | null;
  readonly recorded_at: Date | null;
}

/** What the snapshots need of the store they live in. */
export interface SnapshotsHost {
  readonly assertOpen: () => void;
  readonly pool: pg.Pool;
  /** The quoted schema. */
  readonly schema: string;
  /** An events row as a recorded event, as the store reads it. */
  readonly toRecorded: (row: SnapshotOrEventRow) => RecordedEvent;
}

/**
 * Fold snapshots in the store's schema. A read is one round trip: the snapshot row and the events
 * from its revision on, in one statement (so both come from one database snapshot). A save is its
 * own statement, never part of an append, committed without waiting for the WAL flush: a snapshot
 * lost in a crash costs a longer fold, and nothing else, so it need not wait for the disk.
 */
export class PostgresSnapshots implements SnapshotStore {
  readonly #host: SnapshotsHost;
  readonly #readSql: string;
  readonly #saveSql: string;

  constructor(host: SnapshotsHost) {
    this.#host = host;
    const s = host.schema;
    const snapshotOf = `FROM ${s}.stream_snapshots WHERE stream_id = $1 AND fold = $2 AND version = $3`;
    this.#readSql = `
      SELECT 0 AS part, NULL::bigint AS position, NULL::text AS stream_id, revision, event_id, NULL::text AS type,
             state AS data, NULL::jsonb AS metadata, NULL::integer AS schema_version, NULL::timestamptz AS recorded_at
        ${snapshotOf}
      UNION ALL
      SELECT 1, position, stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at
        FROM ${s}.events
       WHERE stream_id = $1 AND revision >= coalesce((SELECT revision ${snapshotOf}), 0)
      ORDER BY part, revision`;
    // set_config(…, true) lasts until the end of the statement's own transaction: its commit.
    this.#saveSql = `
      INSERT INTO ${s}.stream_snapshots (stream_id, fold, version, revision, event_id, state, saved_at)
      SELECT $1, $2, $3, $4, $5, $6::jsonb, now() FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
      ON CONFLICT (stream_id, fold) DO UPDATE SET version = excluded.version, revision = excluded.revision,
        event_id = excluded.event_id, state = excluded.state, saved_at = excluded.saved_at`;
  }

  async readFromSnapshot(streamId: string, fold: string, version: string): Promise<SnapshotRead> {
    this.#host.assertOpen();
    const { rows } = await this.#host.pool.query<SnapshotOrEventRow>(this.#readSql, [streamId, fold, version]);
    const first = rows[0];
    const snapshot =
      first?.part === 0
        ? { streamId, fold, version, revision: first.revision, eventId: first.event_id, state: first.data }
        : undefined;
    const events = (snapshot === undefined ? rows : rows.slice(1)).map((row) => this.#host.toRecorded(row));
    return { snapshot, events };
  }

  async saveSnapshot(snapshot: StreamSnapshot): Promise<void> {
    this.#host.assertOpen();
    await this.#host.pool.query(this.#saveSql, [
      snapshot.streamId,
      snapshot.fold,
      snapshot.version,
      snapshot.revision,
      snapshot.eventId,
      JSON.stringify(snapshot.state),
    ]);
  }
}

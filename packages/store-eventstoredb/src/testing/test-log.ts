import { EventEmitter } from 'node:events';

/**
 * The test server's database: one transaction log in memory, shaped like EventStoreDB's where the
 * client can see it. Positions are byte offsets that grow by each record's size (never
 * contiguous, as on a real server), and commit = prepare for every event, as for any event a gRPC
 * client writes. Stream metadata lives in `$$<stream>` as `$metadata` events, so `$all` carries
 * system events a reader must skip.
 */

export interface LogRecord {
  readonly streamId: string;
  readonly revision: bigint;
  /** The event id, a UUID in its string form. */
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
  readonly position: bigint;
}

export interface ProposedRecord {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** What an append expects: the proto's four cases. */
export type Expectation =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly kind: 'success'; readonly revision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | 'no_stream'; readonly expected: Expectation }
  | { readonly kind: 'stream-deleted' };

interface StreamEntry {
  readonly records: LogRecord[];
  readonly ids: Map<string, number>;
  tombstoned: boolean;
}

const NO_STREAM = -1n;
const ticksPerMillisecond = 10_000n;

export class TestLog {
  readonly records: LogRecord[] = [];
  /** Fires `'append'` with the new records, for live subscriptions. */
  readonly appended = new EventEmitter();
  readonly #streams = new Map<string, StreamEntry>();
  #nextPosition = 128n;

  constructor() {
    this.appended.setMaxListeners(0);
  }

  isTombstoned(streamId: string): boolean {
    return this.#streams.get(streamId)?.tombstoned ?? false;
  }

  /** The last revision written to the stream, visible or not; -1 when it never existed. */
  lastRevision(streamId: string): bigint {
    const records = this.#streams.get(streamId)?.records;
    return records?.at(-1)?.revision ?? NO_STREAM;
  }

  /**
   * The events a reader of the stream may see, honouring `$maxCount` and `$tb` from its metadata
   * stream; undefined when the stream does not exist or was (soft) deleted.
   */
  visible(streamId: string): readonly LogRecord[] | undefined {
    const records = this.#streams.get(streamId)?.records;
    if (records === undefined || records.length === 0) return undefined;
    const metadata = this.metadataOf(streamId);
    const truncateBefore = typeof metadata.$tb === 'number' ? BigInt(metadata.$tb) : 0n;
    let shown = records.filter((record) => record.revision >= truncateBefore);
    if (typeof metadata.$maxCount === 'number') shown = shown.slice(-metadata.$maxCount);
    return shown.length === 0 && truncateBefore > 0n ? undefined : shown;
  }

  metadataOf(streamId: string): Record<string, unknown> {
    const last = this.#streams.get(`$$${streamId}`)?.records.at(-1);
    if (last === undefined) return {};
    return JSON.parse(Buffer.from(last.data).toString('utf8')) as Record<string, unknown>;
  }

  append(streamId: string, expected: Expectation, proposed: readonly ProposedRecord[]): AppendOutcome {
    const entry = this.#entry(streamId);
    if (entry.tombstoned) return { kind: 'stream-deleted' };
    const current = entry.records.at(-1)?.revision ?? NO_STREAM;
    const retried = this.#idempotentAnswer(entry, expected, proposed);
    if (retried !== undefined) return retried;
    const holds =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === NO_STREAM) ||
      (expected.kind === 'stream_exists' && current !== NO_STREAM) ||
      (expected.kind === 'revision' && expected.revision === current);
    if (!holds)
      return { kind: 'wrong-expected-version', current: current === NO_STREAM ? 'no_stream' : current, expected };
    const written: LogRecord[] = [];
    let revision = current;
    const created = BigInt(Date.now()) * ticksPerMillisecond;
    for (const event of proposed) {
      revision += 1n;
      const record: LogRecord = { ...event, streamId, revision, created, position: this.#nextPosition };
      this.#nextPosition += 64n + BigInt(event.data.length + event.customMetadata.length + streamId.length);
      entry.ids.set(event.id, entry.records.length);
      entry.records.push(record);
      this.records.push(record);
      written.push(record);
    }
    this.appended.emit('append', written);
    return { kind: 'success', revision, position: written.at(-1)?.position ?? 0n };
  }

  /** Soft delete: the server hides every event so far by setting `$tb` past the last one. */
  softDelete(streamId: string): bigint {
    const last = this.lastRevision(streamId);
    const metadata = { ...this.metadataOf(streamId), $tb: Number(last + 1n) };
    this.#writeMetadata(streamId, metadata);
    return this.records.at(-1)?.position ?? 0n;
  }

  tombstone(streamId: string): bigint {
    const entry = this.#entry(streamId);
    entry.tombstoned = true;
    return this.records.at(-1)?.position ?? 0n;
  }

  #writeMetadata(streamId: string, metadata: Record<string, unknown>): void {
    const data = Buffer.from(JSON.stringify(metadata), 'utf8');
    this.append(`$$${streamId}`, { kind: 'any' }, [
      {
        id: globalThis.crypto.randomUUID(),
        type: '$metadata',
        contentType: 'application/json',
        data,
        customMetadata: new Uint8Array(),
      },
    ]);
  }

  /**
   * EventStoreDB's idempotence rule: an append whose event ids are already the stream's events,
   * in order, right after where it expected the stream to be (or anywhere, for `any`), is answered
   * as the first was. A partial match is a wrong expected version.
   */
  #idempotentAnswer(
    entry: StreamEntry,
    expected: Expectation,
    proposed: readonly ProposedRecord[],
  ): AppendOutcome | undefined {
    const first = proposed[0];
    if (first === undefined) return undefined;
    const at = entry.ids.get(first.id);
    if (at === undefined) return undefined;
    const start =
      expected.kind === 'revision' ? Number(expected.revision + 1n) : expected.kind === 'no_stream' ? 0 : at;
    if (start !== at) return undefined;
    const matches = proposed.every((event, index) => entry.records[start + index]?.id === event.id);
    const current = entry.records.at(-1)?.revision ?? NO_STREAM;
    if (!matches) return { kind: 'wrong-expected-version', current, expected };
    const last = entry.records[start + proposed.length - 1];
    return last === undefined ? undefined : { kind: 'success', revision: last.revision, position: last.position };
  }

  #entry(streamId: string): StreamEntry {
    let entry = this.#streams.get(streamId);
    if (entry === undefined) {
      entry = { records: [], ids: new Map(), tombstoned: false };
      this.#streams.set(streamId, entry);
    }
    return entry;
  }
}

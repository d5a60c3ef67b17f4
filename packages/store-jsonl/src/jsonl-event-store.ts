import {
  type AppendResult,
  assertReadStream,
  type EventCatalogue,
  type EventStore,
  EventValidationError,
  type FollowMessage,
  type FollowOptions,
  InMemoryReadModelTables,
  type LedgerEvent,
  ledgerCatalogue,
  type ProjectionCheckpoint,
  type ReadAllOptions,
  type ReadModelTables,
  type ReadStreamOptions,
  type ReadValidation,
  type RecordedEvent,
  type StoreCapabilities,
  storedEventData,
  UnsupportedOperationError,
} from '@order-ledger/core';
import { envelopeProblems, hasEnvelope, parseLineJson } from './history-line';
import { readLineBatches } from './jsonl-lines';

export interface JsonlEventStoreOptions {
  readonly catalogue?: EventCatalogue<LedgerEvent>;
  /**
   * `type` (default) checks each line is a recorded event of a known type; `full` also parses
   * every event by the catalogue. Errors name the file and line either way.
   */
  readonly validation?: ReadValidation;
}

/**
 * A history file as a read-only store: one recorded event per line, in global order, as `export`
 * writes it. An analyst reports straight from the file; nothing is loaded whole.
 */
export class JsonlEventStore implements EventStore {
  readonly capabilities: StoreCapabilities = { atomicMultiStreamAppend: false, uniqueEventIds: true };
  readonly file: string;
  readonly #catalogue: EventCatalogue<LedgerEvent>;
  readonly #full: boolean;
  readonly #checkpoints = new Map<string, ProjectionCheckpoint>();
  /**
   * Read models folded from the file, kept in memory for as long as this store is open: the file
   * is a history to read, never a place to write read models into.
   */
  readonly readModels: ReadModelTables = new InMemoryReadModelTables({
    get: (name) => this.#checkpoints.get(name),
    set: (name, checkpoint) => this.#checkpoints.set(name, checkpoint),
    delete: (name) => this.#checkpoints.delete(name),
  });

  constructor(file: string, options: JsonlEventStoreOptions = {}) {
    this.file = file;
    this.#catalogue = options.catalogue ?? ledgerCatalogue;
    this.#full = options.validation === 'full';
  }

  async appendToStream(): Promise<AppendResult> {
    throw this.#readOnly();
  }

  async appendToStreams(): Promise<AppendResult[]> {
    throw this.#readOnly();
  }

  #readOnly(): UnsupportedOperationError {
    return new UnsupportedOperationError(`${this.file} is a read-only history file: import it into a store to write`);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertReadStream(streamId, options);
    const from = options.fromRevision ?? 0;
    const events: RecordedEvent[] = [];
    for await (const event of this.readAll()) {
      if (event.streamId !== streamId || event.revision < from) continue;
      events.push(event);
      if (options.maxCount !== undefined && events.length >= options.maxCount) break;
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const batch of this.readAllBatches(options)) yield* batch;
  }

  /**
   * Everything after `options.after`, a chunk of the file at a time: what a replay uses, so it
   * pays one asynchronous step per chunk instead of one per event.
   */
  async *readAllBatches(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    const after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let previous = 0;
    for await (const lines of readLineBatches(this.file)) {
      const batch: RecordedEvent[] = [];
      for (const { line, text } of lines) {
        const event = this.#parse(text, line);
        if (event.position <= previous) {
          throw new EventValidationError(
            event.type,
            [{ path: 'position', reason: `${event.position} does not follow ${previous}` }],
            {
              file: this.file,
              line,
            },
          );
        }
        previous = event.position;
        if (event.position <= after) continue;
        batch.push(event);
        remaining -= 1;
        if (remaining <= 0) break;
      }
      if (batch.length > 0) yield batch;
      if (remaining <= 0) return;
    }
  }

  /** A file does not grow while it is read: everything, then one caught-up. */
  async *follow(options: FollowOptions = {}): AsyncIterable<FollowMessage> {
    let position = options.after ?? 0;
    for await (const event of this.readAll({ after: position })) {
      if (options.signal?.aborted) return;
      position = event.position;
      yield { kind: 'event', event };
    }
    yield { kind: 'caught-up', position };
  }

  async close(): Promise<void> {}

  #parse(text: string, line: number): RecordedEvent {
    return parseRecordedLine(text, { file: this.file, line }, this.#catalogue, this.#full);
  }
}

/**
 * Reads one line of a history file as a recorded event, or throws an error naming the file, the
 * line, the field and the reason (and the stream and revision once they are known).
 */
export function parseRecordedLine(
  text: string,
  location: { readonly file: string; readonly line: number },
  catalogue: EventCatalogue<LedgerEvent> = ledgerCatalogue,
  full = false,
): RecordedEvent {
  const raw = parseLineJson(text, location);
  const type = typeof raw.type === 'string' ? raw.type : '(no type)';
  if (!hasEnvelope(raw)) throw new EventValidationError(type, envelopeProblems(raw), location);
  const schemaVersion = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 1;
  const data = storedEventData(
    catalogue,
    full ? 'full' : 'type',
    type,
    raw.data,
    schemaVersion,
    raw.streamId as string,
    raw.revision as number,
    location,
  );
  return {
    type,
    data,
    eventId: raw.eventId as string,
    streamId: raw.streamId as string,
    revision: raw.revision as number,
    position: raw.position as number,
    schemaVersion,
    metadata: (typeof raw.metadata === 'object' && raw.metadata !== null
      ? raw.metadata
      : {}) as RecordedEvent['metadata'],
    recordedAt: typeof raw.recordedAt === 'string' ? raw.recordedAt : '',
  } as RecordedEvent;
}

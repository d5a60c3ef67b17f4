import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  isCommandError,
  jsonEvent,
  type Position,
  type ResolvedEvent,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  type EsdbAppendResult,
  type EsdbDriver,
  EsdbDriverError,
  type EsdbErrorKind,
  type EsdbEventRead,
  type EsdbEventToWrite,
  type EsdbExpectedRevision,
  type EsdbPosition,
  type EsdbStreamMetadata,
  type EsdbSubscription,
  type EsdbSubscriptionMessage,
} from './driver';

/** Marks the place in a subscription's buffer where the server said it had caught up. */
const caughtUpMarker = Symbol('caught-up');

/**
 * The driver on `@eventstore/db-client` 6.x, for EventStoreDB 23.10 and later (positions on
 * stream reads since 22.6, `caughtUp` since 23.10). Every client error is sorted into an `EsdbDriverError` here, so nothing above
 * this file knows the client's error classes.
 */
export class DbClientDriver implements EsdbDriver {
  readonly #client: EventStoreDBClient;

  constructor(connectionString: string) {
    this.#client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(
    streamId: string,
    events: readonly EsdbEventToWrite[],
    expected: EsdbExpectedRevision,
  ): Promise<EsdbAppendResult> {
    const proposed = events.map((event) =>
      jsonEvent({
        id: event.id,
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: event.metadata as Record<string, unknown>,
      }),
    );
    const result = await sorted(streamId, () =>
      this.#client.appendToStream(streamId, proposed, { expectedRevision: expected }),
    );
    return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
  }

  async readStream(
    streamId: string,
    options: { readonly fromRevision: bigint | 'end'; readonly maxCount: number; readonly backwards?: boolean },
  ): Promise<readonly EsdbEventRead[] | 'not-found'> {
    const events: EsdbEventRead[] = [];
    try {
      const read = this.#client.readStream(streamId, {
        fromRevision: options.fromRevision === 'end' ? END : options.fromRevision,
        maxCount: options.maxCount,
        direction: options.backwards === true ? BACKWARDS : FORWARDS,
      });
      for await (const resolved of read) {
        const event = eventOf(resolved);
        if (event !== undefined) events.push(event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return 'not-found';
      throw driverError(error, streamId);
    }
    return events;
  }

  async *readAll(options: {
    readonly from: EsdbPosition | 'start';
    readonly maxCount: number;
  }): AsyncIterable<EsdbEventRead> {
    try {
      const read = this.#client.readAll({
        fromPosition: options.from === 'start' ? START : (options.from as Position),
        maxCount: options.maxCount,
        direction: FORWARDS,
      });
      for await (const resolved of read) {
        const event = eventOf(resolved);
        if (event !== undefined) yield event;
      }
    } catch (error) {
      throw driverError(error);
    }
  }

  subscribeToAll(options: {
    readonly after: EsdbPosition | 'start';
    readonly streamNameRegex: string;
  }): EsdbSubscription {
    const subscription = this.#client.subscribeToAll({
      fromPosition: options.after === 'start' ? START : (options.after as Position),
      filter: streamNameFilter({ regex: options.streamNameRegex }),
    });
    // The client tells of catching up by an event, not in the data. Pushing a marker into the
    // subscription's own buffer when it fires keeps it in order: after every event the server
    // sent before it, before every event after it. One `for await` then reads both, one at a time.
    let live = false;
    subscription.on('caughtUp', () => {
      subscription.push(caughtUpMarker);
    });
    subscription.on('fellBehind', () => {
      live = false;
    });
    async function* messages(): AsyncGenerator<EsdbSubscriptionMessage> {
      try {
        for await (const item of subscription as AsyncIterable<ResolvedEvent | typeof caughtUpMarker>) {
          if (item === caughtUpMarker) {
            live = true;
            yield { kind: 'caught-up' };
            continue;
          }
          const event = eventOf(item);
          if (event !== undefined) yield { kind: 'event', event };
          // Live: each event the server pushes is the newest there is, once nothing is waiting.
          if (live && subscription.readableLength === 0) yield { kind: 'caught-up' };
        }
      } catch (error) {
        throw driverError(error);
      }
    }
    const iterable = messages();
    return {
      [Symbol.asyncIterator]: () => iterable,
      close: async () => {
        await subscription.unsubscribe();
      },
    };
  }

  async streamMetadata(streamId: string): Promise<EsdbStreamMetadata | undefined> {
    try {
      const { metadata } = await this.#client.getStreamMetadata(streamId);
      if (metadata?.truncateBefore === undefined) return metadata === undefined ? undefined : {};
      return { truncateBefore: BigInt(metadata.truncateBefore) };
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw driverError(error, streamId);
    }
  }

  async setStreamMetadata(streamId: string, metadata: { readonly maxCount: number }): Promise<void> {
    await sorted(streamId, () => this.#client.setStreamMetadata(streamId, { maxCount: metadata.maxCount }));
  }

  async deleteStream(streamId: string): Promise<void> {
    await sorted(streamId, () => this.#client.deleteStream(streamId));
  }

  async tombstoneStream(streamId: string): Promise<void> {
    await sorted(streamId, () => this.#client.tombstoneStream(streamId));
  }

  async dispose(): Promise<void> {
    await this.#client.dispose();
  }
}

function eventOf(resolved: ResolvedEvent): EsdbEventRead | undefined {
  const event = resolved.event;
  if (event === undefined) return undefined;
  return {
    streamId: event.streamId,
    id: event.id,
    type: event.type,
    revision: event.revision,
    isJson: event.isJson,
    data: event.data,
    metadata: event.metadata,
    created: event.created,
    position: event.position,
  };
}

const kindOfType: Partial<Record<ErrorType, EsdbErrorKind>> = {
  [ErrorType.WRONG_EXPECTED_VERSION]: 'wrong-expected-version',
  [ErrorType.STREAM_DELETED]: 'stream-deleted',
  [ErrorType.UNAVAILABLE]: 'unavailable',
  [ErrorType.CANCELLED]: 'unavailable',
  [ErrorType.NOT_LEADER]: 'not-leader',
  [ErrorType.ACCESS_DENIED]: 'access-denied',
  [ErrorType.DEADLINE_EXCEEDED]: 'deadline-exceeded',
  [ErrorType.TIMEOUT]: 'deadline-exceeded',
};

/** Runs a client call, sorting any failure into an `EsdbDriverError`. */
async function sorted<T>(streamId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw driverError(error, streamId);
  }
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
}

function driverError(error: unknown, streamId?: string): EsdbDriverError {
  if (error instanceof EsdbDriverError) return error;
  if (!(error instanceof Error) || !isCommandError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new EsdbDriverError('other', message, { cause: error, ...(streamId === undefined ? {} : { streamId }) });
  }
  const kind = kindOfType[error.type] ?? 'other';
  const stream = 'streamName' in error && typeof error.streamName === 'string' ? error.streamName : streamId;
  const current =
    error.type === ErrorType.WRONG_EXPECTED_VERSION && 'actualVersion' in error
      ? (error.actualVersion as bigint | 'no_stream')
      : undefined;
  return new EsdbDriverError(kind, error.message, {
    cause: error,
    ...(stream === undefined ? {} : { streamId: stream }),
    ...(current === undefined ? {} : { current }),
  });
}

import type { DomainEvent } from '../catalogue/event-catalogue';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import type { Decider } from '../decider';
import { NO_STREAM_REVISION } from '../event-store/append-checks';
import type { EventStore } from '../event-store/event-store';
import { foldRecorded } from '../event-store/fold-stream';
import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store/types';
import { eventIdFor, eventsOfCommand, newCommandId } from './command-ids';
import { type RetryOptions, retryOnConflict } from './retry-on-conflict';

export interface HandleCommandOptions extends RetryOptions {
  /** Names the command: the same id twice yields its events once. Default: a fresh UUID. */
  readonly commandId?: string;
  /** Added to every event the command writes. */
  readonly metadata?: EventMetadata;
}

export interface CommandResult<State, Event extends DomainEvent> {
  /** The events the command wrote (or wrote the first time, when `alreadyHandled`). */
  readonly events: readonly RecordedEvent<Event>[];
  /** The stream's state after the command. */
  readonly state: State;
  /** True when this command id had run before, so nothing new was written. */
  readonly alreadyHandled: boolean;
}

/**
 * Load, decide, append: runs `command` against one stream with optimistic concurrency.
 *
 * The stream is read and folded, the decider decides, and the events are appended expecting the
 * revision that was read. When another writer got there first, the whole round runs again on
 * fresh state, up to `maxAttempts` times. A command id that already wrote to the stream is not
 * decided again: its first events are returned.
 */
export async function handleCommand<Command, State, Event extends LedgerEvent>(
  store: EventStore,
  decider: Decider<Command, State, Event>,
  streamId: string,
  command: Command,
  options: HandleCommandOptions = {},
): Promise<CommandResult<State, Event>> {
  const commandId = options.commandId ?? newCommandId();
  // The store holds ledger events; this stream holds the decider's kind, a subset of them.
  const readStream = async (fromRevision = 0) =>
    (await store.readStream(streamId, { fromRevision })) as unknown as RecordedEvent<Event>[];
  return retryOnConflict(async () => {
    const recorded = await readStream();
    const folded = foldRecorded(decider, recorded);
    const earlier = eventsOfCommand(recorded, commandId);
    if (earlier.length > 0) return { events: earlier, state: folded.state, alreadyHandled: true };

    const events = decider.decide(command, folded.state);
    if (events.length === 0) return { events: [], state: folded.state, alreadyHandled: false };
    await store.appendToStream(
      streamId,
      events.map(
        (event, index): NewEvent => ({
          ...(event as LedgerEvent),
          eventId: eventIdFor(commandId, streamId, index),
          metadata: { ...options.metadata, commandId },
        }),
      ),
      { expectedRevision: folded.revision === NO_STREAM_REVISION ? 'no_stream' : folded.revision },
    );
    const mine = eventsOfCommand(await readStream(folded.revision + 1), commandId);
    return { events: mine, state: foldRecorded(decider, mine, folded).state, alreadyHandled: false };
  }, options);
}

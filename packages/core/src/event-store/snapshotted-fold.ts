import type { DomainEvent } from '../catalogue/event-catalogue';
import type { EventStore } from './event-store';
import { type FoldedStream, foldRecorded } from './fold-stream';
import type { RecordedEvent } from './types';

/** A fold whose state can be kept as a snapshot and read back. */
export interface SnapshotFold<State, Event extends DomainEvent> {
  /** Names the fold in the snapshot table. */
  readonly name: string;
  /**
   * Changes whenever the fold would make another state of the same events, or the state's shape
   * changes: a snapshot of another version is never used, the stream is folded from the start.
   */
  readonly version: string;
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /** The state read back from a snapshot; undefined when it does not have the state's shape (corrupt). */
  readonly restore: (saved: unknown) => State | undefined;
}

/**
 * Folds a stream from its snapshot, where the store keeps them, and from the start otherwise.
 *
 * A snapshot is used only if the event it ends on is still the stream's event at that revision
 * (same id) and its state reads back; otherwise the whole stream is folded and the snapshot
 * replaced. After folding `every` events or more past the snapshot, a new one is saved at the
 * revision just folded: a load never folds much more than `every` events, however long the
 * stream. The save is a separate write, outside any append: it only ever describes events that
 * are committed, and losing it costs a longer fold, nothing else.
 */
export async function loadSnapshotted<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  fold: SnapshotFold<State, Event>,
  every: number,
): Promise<FoldedStream<State>> {
  const snapshots = store.snapshots;
  if (snapshots === undefined) return foldRecorded(fold, (await store.readStream(streamId)) as RecordedEvent<Event>[]);
  const read = await snapshots.readFromSnapshot(streamId, fold.name, fold.version);
  const { snapshot } = read;
  let events = read.events as readonly RecordedEvent<Event>[];
  let from: FoldedStream<State> | undefined;
  let replace = false;
  if (snapshot !== undefined) {
    const first = events[0];
    const state =
      first?.eventId === snapshot.eventId && first.revision === snapshot.revision
        ? fold.restore(snapshot.state)
        : undefined;
    if (state === undefined) {
      // Stale (the stream no longer has that event there) or corrupt: the events decide.
      replace = true;
      events = (await store.readStream(streamId)) as RecordedEvent<Event>[];
    } else {
      from = { state, revision: snapshot.revision };
      events = events.slice(1);
    }
  }
  const folded = foldRecorded(fold, events, from);
  const last = events.at(-1);
  if (last !== undefined && (replace || events.length >= every)) {
    await snapshots.saveSnapshot({
      streamId,
      fold: fold.name,
      version: fold.version,
      revision: last.revision,
      eventId: last.eventId,
      state: folded.state,
    });
  }
  return folded;
}

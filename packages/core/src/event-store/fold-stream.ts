import type { DomainEvent } from '../catalogue/event-catalogue';
import type { Decider } from '../decider';
import { NO_STREAM_REVISION } from './append-checks';
import type { RecordedEvent, StreamRevision } from './types';

/** A stream folded so far: the state, and the revision of the last event folded into it. */
export interface FoldedStream<State> {
  readonly state: State;
  /** -1 when no event has been folded. */
  readonly revision: StreamRevision | typeof NO_STREAM_REVISION;
}

/**
 * Folds one stream's recorded events, skipping any at or before the revision already folded:
 * an event delivered twice (a retried read, an at-least-once subscription) changes nothing.
 * Passing the previous result as `from` folds in pieces and gives the same as one pass.
 */
export function foldRecorded<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: Iterable<RecordedEvent<Event>>,
  from: FoldedStream<State> = { state: decider.initialState(), revision: NO_STREAM_REVISION },
): FoldedStream<State> {
  let { state, revision } = from;
  for (const event of events) {
    if (event.revision <= revision) continue;
    state = decider.evolve(state, event);
    revision = event.revision;
  }
  return { state, revision };
}

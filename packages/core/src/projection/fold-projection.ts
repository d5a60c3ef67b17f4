import type { RecordedEvent } from '../event-store/types';
import type { ProjectedState, Projection } from './projection';
import { ProjectionFailedError } from './projection-errors';

/**
 * Folds events into a projection, skipping any at or before the position already folded: an
 * event delivered twice changes nothing. Synchronous, for replays from memory or a file and for
 * tests; the runner uses it for each batch it reads from a store.
 */
export function foldProjection<State>(
  projection: Projection<State>,
  events: Iterable<RecordedEvent>,
  from: ProjectedState<State> = { state: projection.initialState(), position: 0 },
): ProjectedState<State> {
  const wanted = projection.eventTypes === undefined ? undefined : new Set(projection.eventTypes);
  let { state, position } = from;
  for (const event of events) {
    if (event.position <= position) continue;
    if (wanted === undefined || wanted.has(event.type)) {
      try {
        state = projection.evolve(state, event);
      } catch (error) {
        throw new ProjectionFailedError(projection.name, event, error);
      }
    }
    position = event.position;
  }
  return { state, position };
}

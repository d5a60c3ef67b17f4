import type { RecordedEvent } from '../event-store/types';
import type { ProjectedState, Projection } from './projection';
import { ProjectionFailedError } from './projection-errors';

/** A projection and where it stands: one entry of a multi-projection replay. */
export interface ProjectionSlot<State = unknown> {
  readonly projection: Projection<State>;
  current: ProjectedState<State>;
}

/** A slot to replay `projection` from its initial state. */
export function slot<State>(projection: Projection<State>): ProjectionSlot<State> {
  return { projection, current: { state: projection.initialState(), position: 0 } };
}

/**
 * Replays events through several projections in one pass: each event is read once and handed to
 * every projection that wants its type. Same rules as `foldProjection` (events at or before a
 * projection's position are skipped; a throwing `evolve` becomes `ProjectionFailedError`).
 * Works on a synchronous iterable; for a store or a file, feed it batch by batch.
 */
export function foldProjections(slots: readonly ProjectionSlot[], events: Iterable<RecordedEvent>): void {
  const wanted = slots.map(({ projection }) =>
    projection.eventTypes === undefined ? undefined : new Set<string>(projection.eventTypes),
  );
  const states = slots.map(({ current }) => current.state);
  const positions = slots.map(({ current }) => current.position);
  for (const event of events) {
    for (let index = 0; index < slots.length; index += 1) {
      if (event.position <= (positions[index] ?? 0)) continue;
      positions[index] = event.position;
      if (wanted[index]?.has(event.type) === false) continue;
      const { projection } = slots[index] as ProjectionSlot;
      try {
        states[index] = projection.evolve(states[index], event);
      } catch (error) {
        throw new ProjectionFailedError(projection.name, event, error);
      }
    }
  }
  slots.forEach((entry, index) => {
    entry.current = { state: states[index], position: positions[index] ?? 0 };
  });
}

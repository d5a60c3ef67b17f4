import type { RecordedEvent } from '../event-store/types';

/**
 * A read model: an initial state, a fold over recorded events, and (in its own package) the
 * queries that read the state.
 *
 * `evolve` may update `state` in place and return it: a projection owns its state, and folding
 * hundreds of thousands of events without copying is what keeps a rebuild fast. Where an update
 * reads more clearly as a new value (immer's `produce`, say), returning a new state works too.
 * State must be JSON-safe (plain objects, arrays, strings, numbers) when it is kept beside its
 * checkpoint.
 */
export interface Projection<State> {
  /** Names its checkpoint; unique per store. */
  readonly name: string;
  /** Bump it when `evolve` or the state's shape changes: the runner then rebuilds from scratch. */
  readonly version: number;
  /** The event types it reads. The runner skips the rest without calling `evolve`. Default: all. */
  readonly eventTypes?: readonly string[];
  // Method syntax on purpose: a Projection<Board> can then sit in a list of Projection<unknown>
  // (a multi-projection replay) without casts.
  initialState(): State;
  evolve(state: State, event: RecordedEvent): State;
}

/** A state and how far it has read: what a runner holds, and what a replay returns. */
export interface ProjectedState<State> {
  readonly state: State;
  /** The position of the last event folded in; 0 before any. */
  readonly position: number;
}

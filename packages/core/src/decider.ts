/**
 * A decider: the whole behaviour of an aggregate as three pure functions.
 *
 * - `initialState()`: the state of a stream with no events;
 * - `decide(command, state)`: the events a command leads to, or a thrown refusal;
 * - `evolve(state, event)`: the state after one more event.
 *
 * Nothing here reads a clock, a database or a random source, so the same history always folds
 * to the same state, and a decision can be tested with no store at all.
 */
export interface Decider<Command, State, Event> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
}

/** Folds events into a state, starting from the decider's initial state unless one is given. */
export function fold<State, Event>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
  from: State = decider.initialState(),
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

import fc from 'fast-check';
import type { ProjectionCheckpoint } from '../event-store/checkpoints';
import { InMemoryReadModelTables } from '../event-store/in-memory-read-model-tables';
import type { RecordedEvent } from '../event-store/types';
import { foldProjection } from '../projection/fold-projection';
import { isKeptState, type KeptState } from '../projection/kept-collection';
import { KeptReadModel } from '../projection/kept-read-model';
import { changedRows, trackChanges } from '../projection/kept-save';
import type { ProjectedState, Projection } from '../projection/projection';

/**
 * The same history as another writer might have interleaved it: every stream keeps its own order,
 * the streams are merged in a different order, and global positions are given afresh. Read
 * models that depend only on each stream's own order must come out the same.
 */
export function reinterleave(events: readonly RecordedEvent[], choices: readonly number[]): RecordedEvent[] {
  const queues = new Map<string, RecordedEvent[]>();
  for (const event of events) queues.set(event.streamId, [...(queues.get(event.streamId) ?? []), event]);
  const streams = [...queues.values()];
  const merged: RecordedEvent[] = [];
  let choice = 0;
  while (streams.some((queue) => queue.length > 0)) {
    const open = streams.filter((queue) => queue.length > 0);
    const queue = open[(choices[choice % Math.max(1, choices.length)] ?? 0) % open.length];
    choice += 1;
    const next = queue?.shift();
    if (next !== undefined) merged.push({ ...next, position: merged.length + 1 });
  }
  return merged;
}

/** Choices for `reinterleave`: draw them with the history. */
export const interleavingChoices: fc.Arbitrary<number[]> = fc.array(fc.nat({ max: 1000 }), {
  minLength: 1,
  maxLength: 64,
});

/** The history with one event delivered again later, as an at-least-once reader might see it. */
export function withDuplicate(events: readonly RecordedEvent[], pick: number, delay: number): RecordedEvent[] {
  if (events.length === 0) return [];
  const index = pick % events.length;
  const duplicate = events[index];
  if (duplicate === undefined) return [...events];
  const at = index + 1 + (delay % (events.length - index));
  return [...events.slice(0, at), duplicate, ...events.slice(at)];
}

/**
 * Folds `events` in pieces (split at `cuts`) the way a runner keeping the read model in tables
 * does: each piece starts from the rows the last one saved, and saves only the keys it changed.
 * Returns the state read back from the rows at the end, so a missed `touch` (a change never
 * saved) shows as a difference from a plain fold.
 */
export async function foldKeptInPieces<State>(
  projection: Projection<State>,
  events: readonly RecordedEvent[],
  cuts: readonly number[],
): Promise<ProjectedState<State>> {
  const checkpoints = new Map<string, ProjectionCheckpoint>();
  const tables = new InMemoryReadModelTables({
    get: (name) => checkpoints.get(name),
    set: (name, checkpoint) => checkpoints.set(name, checkpoint),
    delete: (name) => checkpoints.delete(name),
  });
  const reader = new KeptReadModel(tables, projection);
  const bounds = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
  let expected: number | null = null;
  let start = 0;
  for (const end of [...bounds, events.length]) {
    const state: State = expected === null ? projection.initialState() : await reader.loadState();
    trackChanges(state as KeptState);
    const folded: ProjectedState<State> = foldProjection(projection, events.slice(start, end), {
      state,
      position: expected ?? 0,
    });
    await tables.commit(projection.name, {
      version: projection.version,
      expected,
      position: folded.position,
      reset: expected === null,
      ...changedRows(folded.state as KeptState),
    });
    expected = folded.position;
    start = end;
  }
  return { state: await reader.loadState(), position: expected ?? 0 };
}

/**
 * The same history folded three ways, for a projection's replay laws: once; with one event
 * delivered twice (`pick`, `delay` choose which and where); and in two pieces split at `cut`,
 * the second resumed from the first's result as a restarted runner would (for a kept read model:
 * from the rows the first piece saved, and read back from rows at the end).
 */
export async function replayVariants<State>(
  projection: Projection<State>,
  events: readonly RecordedEvent[],
  draws: { readonly pick: number; readonly delay: number; readonly cut: number },
): Promise<{ once: ProjectedState<State>; twice: ProjectedState<State>; inPieces: ProjectedState<State> }> {
  const once = foldProjection(projection, events);
  const twice = foldProjection(projection, withDuplicate(events, draws.pick, draws.delay));
  if (isKeptState(once.state)) {
    return { once, twice, inPieces: await foldKeptInPieces(projection, events, [draws.cut, draws.pick]) };
  }
  const split = draws.cut % (events.length + 1);
  const firstPiece = foldProjection(projection, events.slice(0, split));
  return {
    once,
    twice,
    inPieces: foldProjection(projection, events.slice(split), structuredClone(firstPiece)),
  };
}

import fc from 'fast-check';
import type { RecordedEvent } from '../event-store/types';
import { foldProjection } from '../projection/fold-projection';
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
 * The same history folded three ways, for a projection's replay laws: once; with one event
 * delivered twice (`pick`, `delay` choose which and where); and in two pieces split at `cut`,
 * the second resumed from a copy of the first's result, as a restarted runner would.
 */
export function replayVariants<State>(
  projection: Projection<State>,
  events: readonly RecordedEvent[],
  draws: { readonly pick: number; readonly delay: number; readonly cut: number },
): { once: ProjectedState<State>; twice: ProjectedState<State>; inPieces: ProjectedState<State> } {
  const split = draws.cut % (events.length + 1);
  const firstPiece = foldProjection(projection, events.slice(0, split));
  return {
    once: foldProjection(projection, events),
    twice: foldProjection(projection, withDuplicate(events, draws.pick, draws.delay)),
    inPieces: foldProjection(projection, events.slice(split), structuredClone(firstPiece)),
  };
}

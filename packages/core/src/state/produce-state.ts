import { Immer } from 'immer';

/**
 * The aggregates' own immer: the order and stock folds make each next state with `produceState`,
 * writing changes to a draft while the state they were given stays as it was. An instance of our
 * own, so its settings never touch an application's immer, nor an application's ours.
 *
 * Freezing is off by default: it walks every state a fold makes to freeze it, which costs on every
 * event folded (measured in docs/benchmarks.md). Tests turn it on (`freezeAggregateStates(true)`
 * in vitest.setup.ts), so a decider that writes to the state it was handed throws there at once
 * instead of corrupting the fold.
 */
const aggregates = new Immer({ autoFreeze: false });

export const produceState: Immer['produce'] = aggregates.produce;

/** Turns deep freezing of every state the order and stock folds make on or off (default off). */
export function freezeAggregateStates(on: boolean): void {
  aggregates.setAutoFreeze(on);
}

import fc from 'fast-check';
import { expect } from 'vitest';
import { freezeAggregateStates } from './packages/core/src/state/produce-state.ts';

/**
 * Every order and stock state a fold makes is frozen in tests: a decider (or anything else) that
 * writes to a state it was handed throws at once instead of quietly corrupting the fold. Off in
 * production, where it would cost on every event folded (docs/benchmarks.md).
 */
freezeAggregateStates(true);

/**
 * Property tests explore new random histories on every local run. In CI (CI=true) they replay a
 * fixed seed, so a red run is reproducible and never a coin toss; set FC_SEED to explore a
 * particular seed anywhere (a failure prints the seed and path to replay it).
 */
const seed = process.env.FC_SEED ?? (process.env.CI === 'true' ? '20261126' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });

/**
 * Read-model states are made of KeptCollections, whose entries live in a private Map that
 * `toEqual` cannot see: compare them by their entries, so a state compared with another is really
 * compared (read by tag, so a collection from the built package compares like one from source).
 */
const isKept = (value: unknown): value is Iterable<[string, unknown]> =>
  Object.prototype.toString.call(value) === '[object KeptCollection]';
expect.addEqualityTesters([
  function keptCollectionsEqual(a: unknown, b: unknown, customTesters) {
    if (!isKept(a) && !isKept(b)) return undefined;
    if (!isKept(a) || !isKept(b)) return false;
    return this.equals(new Map(a), new Map(b), customTesters);
  },
]);

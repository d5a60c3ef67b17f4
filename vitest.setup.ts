import fc from 'fast-check';
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

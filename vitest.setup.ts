import fc from 'fast-check';

/**
 * Property tests explore new random histories on every local run. In CI (CI=true) they replay a
 * fixed seed, so a red run is reproducible and never a coin toss; set FC_SEED to explore a
 * particular seed anywhere (a failure prints the seed and path to replay it).
 */
const seed = process.env.FC_SEED ?? (process.env.CI === 'true' ? '20261126' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });

export { foldProjection } from './fold-projection';
export { foldProjections, type ProjectionSlot, slot } from './fold-projections';
export type { ProjectedState, Projection } from './projection';
export { ProjectionFailedError } from './projection-errors';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';

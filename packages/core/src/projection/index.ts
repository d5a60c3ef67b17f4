export { foldProjection } from './fold-projection';
export { foldProjections, type ProjectionSlot, slot } from './fold-projections';
export {
  collectionsOf,
  type IndexValue,
  isKeptState,
  KeptCollection,
  type KeptCollectionOptions,
  type KeptState,
  maxIndexesPerCollection,
} from './kept-collection';
export { KeptReadModel } from './kept-read-model';
export type { ProjectedState, Projection } from './projection';
export { ProjectionFailedError } from './projection-errors';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';

export type { CsrMatrix, DenseMatrix } from './matrix.js';
export type {
  ClusterResult,
  ClusteringMethod,
  HistoryPoint,
  MethodHooks,
  ProgressEvent,
} from './methods/types.js';
export { createRandom, type Random } from './random.js';
export * as pp from './pp/index.js';
export * as tl from './tl/index.js';
export * from './methods/index.js';

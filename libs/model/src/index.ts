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
export { backendThreads, initBackend } from './backend.js';
export * as losses from './losses/index.js';
export * as scsamac from './scsamac/index.js';
export * from './methods/index.js';

/** Clustering methods behind one interface, and the registry the CLI, trainer and API dispatch through. */
export { throwIfAborted } from './abort.js';
export {
  classicEmbedding,
  type ClassicEmbedding,
  type ClassicEmbeddingOptions,
} from './classic-embedding.js';
export { pcaKmeans, pcaKmeansOptionsSchema, type PcaKmeansOptions } from './pca-kmeans.js';
export { pcaLeiden, pcaLeidenOptionsSchema, type PcaLeidenOptions } from './pca-leiden.js';
export { getMethod, listMethods } from './registry.js';

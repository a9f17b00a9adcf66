/**
 * Tools (`tl`): PCA, k-means, nearest-neighbour graphs, community detection and UMAP on dense matrices. Every
 * function takes a matrix and an options object and returns new typed arrays.
 */
export { kmeans, type KMeansOptions, type KMeansResult } from './kmeans.js';
export { pca, type PcaOptions, type PcaResult } from './pca.js';
export { tridiagonalEigen } from './tridiagonal-eigen.js';
export {
  adjacencyCommunities,
  communities,
  communitiesWithCount,
  modularity,
  renumberBySize,
  type Adjacency,
  type CommunitiesOptions,
} from './communities.js';
export { neighbors, symmetricAdjacency, type NeighborGraph, type NeighborsOptions } from './neighbors.js';
export { umap, type UmapOptions } from './umap.js';
export { leiden, type LeidenOptions } from './leiden.js';

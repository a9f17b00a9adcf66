import { z } from 'zod';
import type { CsrMatrix } from '../matrix.js';
import { communities, modularity } from '../tl/communities.js';
import { neighbors, symmetricAdjacency } from '../tl/neighbors.js';
import { throwIfAborted } from './abort.js';
import { classicEmbeddingOptionsShape, clusterClassicEmbedding } from './classic-embedding.js';
import type { ClusterResult, ClusteringMethod, MethodHooks } from './types.js';

/** Options of `pca-leiden`; unknown keys are rejected. */
export const pcaLeidenOptionsSchema = z.strictObject({
  ...classicEmbeddingOptionsShape,
  /**
   * Accepted so every method takes the same `k`, but not used: the graph decides the number of clusters at the
   * given resolution, as in the recipe the paper compares against.
   */
  k: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Accepted but unused: the graph decides the number of clusters.'),
  /** Neighbours per cell in the kNN graph (before symmetrising). */
  nNeighbors: z.number().int().min(1).default(15).describe('Neighbours per cell in the kNN graph.'),
  /** Modularity resolution. */
  resolution: z.number().positive().default(1).describe('Modularity resolution (higher: more clusters).'),
  /** Community detection: Leiden (as leidenalg's RBConfiguration partition) or graphology's Louvain. */
  algorithm: z.enum(['leiden', 'louvain']).default('leiden').describe('Community detection algorithm.'),
});

/** Parsed options of `pca-leiden`. */
export type PcaLeidenOptions = z.infer<typeof pcaLeidenOptionsSchema>;

/**
 * `pca-leiden`: the classic recipe's PCA 50, an unweighted symmetric 15-NN graph, and modularity communities
 * (Leiden by default, resolution 1) on it.
 */
export const pcaLeiden: ClusteringMethod<PcaLeidenOptions> = {
  name: 'pca-leiden',
  description:
    'Log-normalise, top 2,000 genes by dispersion, scale, PCA 50, 15-NN graph, Leiden at resolution 1.',
  optionsSchema: pcaLeidenOptionsSchema,
  parseOptions: (options) => pcaLeidenOptionsSchema.parse(options ?? {}),
  async run(matrix: CsrMatrix, options: PcaLeidenOptions, hooks: MethodHooks = {}): Promise<ClusterResult> {
    return clusterClassicEmbedding(matrix, options, hooks, (scores) => {
      const graph = neighbors(scores, { k: options.nNeighbors });
      throwIfAborted(hooks.signal);
      const labels = communities(graph, {
        method: options.algorithm,
        resolution: options.resolution,
        seed: options.seed,
      });
      const quality = modularity(symmetricAdjacency(graph), labels, options.resolution);
      return { labels, k: new Set(labels).size, quality: { key: 'modularity', value: quality } };
    });
  },
};

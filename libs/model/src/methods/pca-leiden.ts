import { z } from 'zod';
import type { CsrMatrix } from '../matrix.js';
import { communities, modularity } from '../tl/communities.js';
import { neighbors, symmetricAdjacency } from '../tl/neighbors.js';
import { throwIfAborted } from './abort.js';
import { classicEmbedding, classicEmbeddingOptionsShape } from './classic-embedding.js';
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
    const start = performance.now();
    const embedding = classicEmbedding(matrix, options, hooks);
    const scores = embedding.pca.scores;
    hooks.onProgress?.({ phase: 'baseline', epoch: 0, totalEpochs: 1, fraction: 0.5, losses: {} });
    const clusterStart = performance.now();
    const graph = neighbors(scores, { k: options.nNeighbors });
    throwIfAborted(hooks.signal);
    const labels = communities(graph, {
      method: options.algorithm,
      resolution: options.resolution,
      seed: options.seed,
    });
    const quality = modularity(symmetricAdjacency(graph), labels, options.resolution);
    const end = performance.now();
    hooks.onProgress?.({
      phase: 'done',
      epoch: 1,
      totalEpochs: 1,
      fraction: 1,
      losses: { modularity: quality },
    });
    return {
      labels,
      k: new Set(labels).size,
      latent: Float32Array.from(scores.data),
      latentDims: scores.cols,
      history: [{ phase: 'baseline', epoch: 0, step: 0, key: 'modularity', value: quality }],
      timings: { ...embedding.timings, cluster: (end - clusterStart) / 1000, total: (end - start) / 1000 },
      backend: 'none',
    };
  },
};

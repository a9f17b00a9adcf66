import { z } from 'zod';
import type { CsrMatrix } from '../matrix.js';
import { communities } from '../tl/communities.js';
import { kmeans } from '../tl/kmeans.js';
import { neighbors } from '../tl/neighbors.js';
import { throwIfAborted } from './abort.js';
import { classicEmbeddingOptionsShape, clusterClassicEmbedding } from './classic-embedding.js';
import type { ClusterResult, ClusteringMethod, MethodHooks } from './types.js';

/** Options of `pca-kmeans`; unknown keys are rejected. */
export const pcaKmeansOptionsSchema = z.strictObject({
  ...classicEmbeddingOptionsShape,
  /** Number of clusters. When absent, the number of Leiden communities of the 15-NN graph on the PCA. */
  k: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Number of clusters; empty uses the number of Leiden communities on the PCA.'),
  /** k-means restarts (k-means++ seeds); the lowest inertia wins. */
  nInit: z.number().int().min(1).default(20).describe('k-means restarts; the lowest inertia wins.'),
  /** Lloyd iterations per restart. */
  maxIter: z.number().int().min(1).default(300).describe('Lloyd iterations per restart.'),
});

/** Parsed options of `pca-kmeans`. */
export type PcaKmeansOptions = z.infer<typeof pcaKmeansOptionsSchema>;

/**
 * `pca-kmeans`: the classic recipe (normalise to 1e4, log1p, 2,000 most dispersed genes, scale and clip at 10,
 * PCA 50) then k-means with k-means++ restarts on the PCA scores.
 */
export const pcaKmeans: ClusteringMethod<PcaKmeansOptions> = {
  name: 'pca-kmeans',
  description: 'Log-normalise, top 2,000 genes by dispersion, scale, PCA 50, k-means (20 restarts).',
  optionsSchema: pcaKmeansOptionsSchema,
  parseOptions: (options) => pcaKmeansOptionsSchema.parse(options ?? {}),
  async run(matrix: CsrMatrix, options: PcaKmeansOptions, hooks: MethodHooks = {}): Promise<ClusterResult> {
    return clusterClassicEmbedding(matrix, options, hooks, (scores) => {
      const k = options.k ?? new Set(communities(neighbors(scores, { k: 15 }), { seed: options.seed })).size;
      throwIfAborted(hooks.signal);
      const result = kmeans(scores, {
        k,
        nInit: options.nInit,
        maxIter: options.maxIter,
        seed: options.seed,
      });
      return {
        labels: result.labels,
        k,
        centres: result.centres.data,
        quality: { key: 'inertia', value: result.inertia },
      };
    });
  },
};

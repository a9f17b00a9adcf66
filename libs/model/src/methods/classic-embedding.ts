import { z } from 'zod';
import type { CsrMatrix, DenseMatrix } from '../matrix.js';
import { filterCellsGenes } from '../pp/filter.js';
import { highlyVariableGenes, selectGenes } from '../pp/genes.js';
import { log1p, normalizeTotal } from '../pp/normalize.js';
import { scale } from '../pp/scale.js';
import { pca, type PcaResult } from '../tl/pca.js';
import { throwIfAborted } from './abort.js';
import type { ClusterResult, MethodHooks } from './types.js';

/**
 * Options shared by the PCA baselines: the scanpy-default recipe of `../shared/tools/run_classic.py`. Defaults live
 * here once; the web form and the API read them from this schema.
 */
export const classicEmbeddingOptionsShape = {
  /** Seed of every random step (Lanczos start, k-means++ draws, Louvain order). */
  seed: z
    .number()
    .int()
    .default(0)
    .describe('Seed of every random step (PCA start, k-means++, Leiden order).'),
  /** Each cell is scaled to this total count before log1p. */
  targetSum: z
    .number()
    .positive()
    .default(1e4)
    .describe('Each cell is scaled to this total count before log1p.'),
  /** Genes kept, by dispersion (variance / mean of the log-normalised values). */
  nTopGenes: z.number().int().positive().default(2000).describe('Genes kept, by dispersion.'),
  /** Scaled values are clipped to ±maxValue. */
  maxValue: z.number().positive().default(10).describe('Scaled values are clipped to ±maxValue.'),
  /** Principal components kept. */
  nComponents: z.number().int().positive().default(50).describe('Principal components kept.'),
};

/** The options {@link classicEmbedding} reads. */
export interface ClassicEmbeddingOptions {
  seed: number;
  targetSum: number;
  nTopGenes: number;
  maxValue: number;
  nComponents: number;
}

/** Result of {@link classicEmbedding}: the PCA of the selected genes and wall-clock seconds of each step. */
export interface ClassicEmbedding {
  pca: PcaResult;
  /** Columns (genes) of the input matrix that were used, by decreasing dispersion. */
  genes: Int32Array;
  timings: { preprocess: number; pca: number };
}

/**
 * Normalise each cell to `targetSum`, log1p, keep the `nTopGenes` most dispersed genes (after dropping genes with no
 * counts), scale each to mean 0 and sd 1 clipped at `maxValue`, and project on `nComponents` principal components.
 * Cells keep their input order (none is dropped; an empty cell stays all zero before scaling). The result is shared
 * between calls with the same matrix object and options: treat it as read-only.
 */
export function classicEmbedding(
  counts: CsrMatrix,
  options: ClassicEmbeddingOptions,
  hooks: MethodHooks = {},
): ClassicEmbedding {
  // pca-kmeans and pca-leiden on the same matrix with the same options share one embedding (a benchmark runs both
  // per seed): the last result per matrix object is kept, keyed by every option it depends on.
  const key = JSON.stringify([
    options.seed,
    options.targetSum,
    options.nTopGenes,
    options.maxValue,
    options.nComponents,
  ]);
  const cached = lastEmbedding.get(counts);
  if (cached?.key === key) {
    hooks.onProgress?.({ phase: 'preprocess', epoch: 0, totalEpochs: 0, fraction: 0.2, losses: {} });
    return cached.embedding;
  }
  const embedding = computeEmbedding(counts, options, hooks);
  lastEmbedding.set(counts, { key, embedding });
  return embedding;
}

/** What a PCA baseline's clustering step returns for {@link clusterClassicEmbedding}. */
export interface EmbeddingClustering {
  labels: Int32Array;
  k: number;
  /** k x PCA-components centres, when the step has them. */
  centres?: Float32Array;
  /** The one number the step reports (k-means inertia, modularity): the run's history and last progress event. */
  quality: { key: string; value: number };
}

/**
 * The run of a PCA baseline: {@link classicEmbedding} of `matrix`, then `cluster` on its PCA scores. Returns the
 * method's result with the PCA scores as latent, the step's quality as history and each phase's seconds; reports
 * progress halfway (embedding done) and at the end.
 */
export function clusterClassicEmbedding(
  matrix: CsrMatrix,
  options: ClassicEmbeddingOptions,
  hooks: MethodHooks,
  cluster: (scores: DenseMatrix) => EmbeddingClustering,
): ClusterResult {
  const start = performance.now();
  const embedding = classicEmbedding(matrix, options, hooks);
  const scores = embedding.pca.scores;
  hooks.onProgress?.({ phase: 'baseline', epoch: 0, totalEpochs: 1, fraction: 0.5, losses: {} });
  const clusterStart = performance.now();
  const { labels, k, centres, quality } = cluster(scores);
  const end = performance.now();
  hooks.onProgress?.({
    phase: 'done',
    epoch: 1,
    totalEpochs: 1,
    fraction: 1,
    losses: { [quality.key]: quality.value },
  });
  return {
    labels,
    k,
    latent: Float32Array.from(scores.data),
    latentDims: scores.cols,
    ...(centres ? { centres } : {}),
    history: [{ phase: 'baseline', epoch: 0, step: 0, key: quality.key, value: quality.value }],
    timings: { ...embedding.timings, cluster: (end - clusterStart) / 1000, total: (end - start) / 1000 },
    backend: 'none',
  };
}

const lastEmbedding = new WeakMap<CsrMatrix, { key: string; embedding: ClassicEmbedding }>();

function computeEmbedding(
  counts: CsrMatrix,
  options: ClassicEmbeddingOptions,
  hooks: MethodHooks,
): ClassicEmbedding {
  const start = performance.now();
  hooks.onProgress?.({ phase: 'preprocess', epoch: 0, totalEpochs: 0, fraction: 0, losses: {} });
  // Genes with any counts (the recipe drops only all-zero genes, also for non-integer input); every cell kept.
  const { matrix, keptGenes } = filterCellsGenes(counts, {
    minCellCounts: 0,
    minGeneCounts: Number.MIN_VALUE,
  });
  const logNormalised = log1p(normalizeTotal(matrix, { targetSum: options.targetSum }));
  const hvg = highlyVariableGenes(logNormalised, { nTop: options.nTopGenes, flavor: 'dispersion' });
  const scaled = scale(selectGenes(logNormalised, hvg), { maxValue: options.maxValue });
  const genes = Int32Array.from(hvg, (column) => keptGenes[column]);
  const preprocessed = performance.now();
  throwIfAborted(hooks.signal);
  hooks.onProgress?.({ phase: 'preprocess', epoch: 0, totalEpochs: 0, fraction: 0.2, losses: {} });
  const result = pca(scaled, { nComponents: options.nComponents, seed: options.seed });
  throwIfAborted(hooks.signal);
  return {
    pca: result,
    genes,
    timings: { preprocess: (preprocessed - start) / 1000, pca: (performance.now() - preprocessed) / 1000 },
  };
}

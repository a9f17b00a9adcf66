import { z } from 'zod';
import type { CsrMatrix } from '../matrix.js';
import { filterCellsGenes } from '../pp/filter.js';
import { highlyVariableGenes, selectGenes } from '../pp/genes.js';
import { log1p, normalizeTotal } from '../pp/normalize.js';
import { scale } from '../pp/scale.js';
import { pca, type PcaResult } from '../tl/pca.js';
import { throwIfAborted } from './abort.js';
import type { MethodHooks } from './types.js';

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

import { z } from 'zod';
import { MetricsInputError } from './errors.js';
import { encodeLabels, type Labels } from './labels.js';
import { parseOptions } from './options.js';
import { seededUniform } from './random.js';

/** Row-major points: point i is `data[i * cols .. (i + 1) * cols)`. A latent space or a 2-D embedding. */
export interface Embedding {
  rows: number;
  cols: number;
  data: ArrayLike<number>;
}

/** Options of {@link silhouetteScore}; defaults live here. */
export const silhouetteOptionsSchema = z
  .object({
    /** Up to this many points the score is exact; beyond, it is the exact score of a random sample this size. */
    sampleSize: z.number().int().min(2).default(10_000),
    /** Seed of the sample drawn when there are more than `sampleSize` points. */
    seed: z.number().int().default(0),
  })
  .strict();

/** Plain-JSON options of {@link silhouetteScore}. */
export type SilhouetteOptions = z.input<typeof silhouetteOptionsSchema>;

/**
 * Indices (ascending) of the `sampleSize` points that {@link silhouetteScore} uses for `n` points and `seed`: a
 * seeded partial Fisher-Yates shuffle. All points when `n <= sampleSize`.
 */
export function silhouetteSampleIndices(n: number, sampleSize: number, seed: number): Int32Array {
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= sampleSize) return indices;
  const uniform = seededUniform(seed);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + Math.floor(uniform() * (n - i));
    const swap = indices[i];
    indices[i] = indices[j];
    indices[j] = swap;
  }
  return indices.slice(0, sampleSize).sort();
}

/**
 * Silhouette coefficient of every point with Euclidean distances, as scikit-learn's `silhouette_samples`:
 * (b - a) / max(a, b) with a the mean distance to the other points of its cluster and b the smallest mean
 * distance to another cluster; 0 for points alone in their cluster. Exact, O(n² · dims): meant for up to about
 * 10^4 points. Throws `LABEL_COUNT` unless there are between 2 and n - 1 clusters.
 */
export function silhouetteSamples(embedding: Embedding, labels: Labels): Float64Array {
  const { rows: n, cols: dims } = embedding;
  checkEmbedding(embedding, labels);
  const { codes, sizes } = encodeLabels(labels);
  const k = sizes.length;
  if (k < 2 || k > n - 1) {
    throw new MetricsInputError(
      'LABEL_COUNT',
      `silhouette needs between 2 and n - 1 = ${n - 1} clusters, got ${k}`,
    );
  }
  const points = Float64Array.from(embedding.data);
  const distanceSums = clusterDistanceSums(points, n, dims, codes, k, n * k <= SYMMETRIC_UP_TO);
  const result = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const own = codes[i];
    if (sizes[own] === 1) continue; // scikit-learn: 0/0 for singletons, reported as 0
    const sums = distanceSums.subarray(i * k, (i + 1) * k);
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sums[c] / sizes[c] < b) b = sums[c] / sizes[c];
    const denominator = Math.max(a, b);
    result[i] = denominator === 0 ? 0 : (b - a) / denominator;
  }
  return result;
}

// Up to this many (point, cluster) sums, every distance is computed once and added to both of its points; beyond,
// each point's sums are gathered on their own (every distance twice, but O(k) memory per point).
const SYMMETRIC_UP_TO = 1 << 24;

/**
 * Row-major n x k sums: entry (i, c) is the sum of Euclidean distances from point i to the points of cluster c.
 * Exported for the test that checks both ways of computing it agree.
 */
export function clusterDistanceSums(
  points: Float64Array,
  n: number,
  dims: number,
  codes: Int32Array,
  k: number,
  symmetric: boolean,
): Float64Array {
  const sums = new Float64Array(symmetric ? n * k : k);
  const all = symmetric ? sums : new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const offsetI = i * dims;
    const rowI = i * k;
    if (!symmetric) sums.fill(0);
    for (let j = symmetric ? i + 1 : 0; j < n; j++) {
      const offsetJ = j * dims;
      let squared = 0;
      for (let d = 0; d < dims; d++) {
        const difference = points[offsetI + d] - points[offsetJ + d];
        squared += difference * difference;
      }
      const distance = Math.sqrt(squared);
      if (symmetric) {
        sums[rowI + codes[j]] += distance;
        sums[j * k + codes[i]] += distance;
      } else {
        sums[codes[j]] += distance;
      }
    }
    if (!symmetric) all.set(sums, rowI);
  }
  return all;
}

/**
 * Mean silhouette coefficient (scikit-learn's `silhouette_score`, Euclidean): exact up to `sampleSize` points,
 * beyond that the exact score of the seeded sample from {@link silhouetteSampleIndices}.
 */
export function silhouetteScore(embedding: Embedding, labels: Labels, options?: SilhouetteOptions): number {
  const { sampleSize, seed } = parseOptions(silhouetteOptionsSchema, options);
  checkEmbedding(embedding, labels);
  let points = embedding;
  let pointLabels = labels;
  if (embedding.rows > sampleSize) {
    const indices = silhouetteSampleIndices(embedding.rows, sampleSize, seed);
    const dims = embedding.cols;
    const data = new Float64Array(sampleSize * dims);
    const sampled: (string | number)[] = new Array(sampleSize);
    indices.forEach((index, position) => {
      for (let d = 0; d < dims; d++) data[position * dims + d] = embedding.data[index * dims + d];
      sampled[position] = labels[index];
    });
    points = { rows: sampleSize, cols: dims, data };
    pointLabels = sampled as Labels;
  }
  const samples = silhouetteSamples(points, pointLabels);
  let sum = 0;
  for (const value of samples) sum += value;
  return sum / samples.length;
}

function checkEmbedding(embedding: Embedding, labels: Labels): void {
  const { rows, cols, data } = embedding;
  if (
    !Number.isInteger(rows) ||
    !Number.isInteger(cols) ||
    rows < 0 ||
    cols < 1 ||
    data.length !== rows * cols
  ) {
    throw new MetricsInputError(
      'INVALID_MATRIX',
      `embedding data has ${data.length} values, expected rows x cols = ${rows} x ${cols} with cols >= 1`,
    );
  }
  if (rows === 0) throw new MetricsInputError('EMPTY', 'embedding has no points');
  if (labels.length !== rows) {
    throw new MetricsInputError(
      'LENGTH_MISMATCH',
      `embedding has ${rows} points but there are ${labels.length} labels`,
    );
  }
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new MetricsInputError(
        'NOT_FINITE',
        `embedding value ${data[k]} at point ${Math.floor(k / cols)}, dimension ${k % cols}; values must be finite`,
      );
    }
  }
}

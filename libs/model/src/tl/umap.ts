import { UMAP } from 'umap-js';
import type { DenseMatrix } from '../matrix.js';
import { createRandom } from '../random.js';

/** Options of {@link umap}. */
export interface UmapOptions {
  /** Seed of every random draw (neighbour descent, initialisation, sampling). Default 0. */
  seed?: number;
  /** Size of the local neighbourhood. Default 15. */
  nNeighbors?: number;
  /** Output dimensions. Default 2. */
  nComponents?: number;
  /** Minimum distance between embedded points. Default 0.1 (umap-js). */
  minDist?: number;
  /** Optimisation epochs. Default: umap-js's choice (500 up to 10,000 rows, else 200). */
  nEpochs?: number;
}

/**
 * UMAP embedding of the rows of `x` (umap-js, seeded so the same seed gives the same layout). Returns a rows x
 * nComponents dense matrix.
 */
export function umap(x: DenseMatrix, options: UmapOptions = {}): DenseMatrix {
  const nComponents = options.nComponents ?? 2;
  const random = createRandom(options.seed ?? 0);
  const rows: number[][] = [];
  for (let i = 0; i < x.rows; i++) rows.push(Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
  const model = new UMAP({
    nComponents,
    nNeighbors: Math.min(options.nNeighbors ?? 15, Math.max(x.rows - 1, 1)),
    minDist: options.minDist ?? 0.1,
    random: random.next,
    ...(options.nEpochs === undefined ? {} : { nEpochs: options.nEpochs }),
  });
  const embedding = model.fit(rows);
  const data = new Float32Array(x.rows * nComponents);
  embedding.forEach((point, i) => data.set(point, i * nComponents));
  return { rows: x.rows, cols: nComponents, data };
}

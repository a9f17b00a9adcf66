import type { CsrMatrix } from '../matrix.js';

/** Total count of each cell (row sums), in Float64 so large libraries add up exactly. */
export function librarySizes(m: CsrMatrix): Float64Array {
  const sizes = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let total = 0;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) total += m.data[p];
    sizes[i] = total;
  }
  return sizes;
}

/** Median of the values (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Size factor of each cell: its library size divided by the median library size (scDeepCluster's
 * `size_factors`). The NB likelihood multiplies the decoded mean by it. `sizes` replaces the rows' own sums, e.g.
 * totals over all genes for a gene subset.
 */
export function sizeFactors(m: CsrMatrix, sizes: ArrayLike<number> = librarySizes(m)): Float32Array {
  const medianSize = median(sizes);
  const factors = new Float32Array(m.rows);
  for (let i = 0; i < m.rows; i++) factors[i] = medianSize > 0 ? sizes[i] / medianSize : 0;
  return factors;
}

/** Options of {@link normalizeTotal}. */
export interface NormalizeTotalOptions {
  /** Every cell is scaled to sum to this. Default: the median library size. */
  targetSum?: number;
  /**
   * Each cell's total to divide by, instead of its row sum: a gene subset normalised by the totals over all genes,
   * as scanpy's normalize_total before subsetting to highly variable genes.
   */
  librarySizes?: ArrayLike<number>;
}

/**
 * Scales each cell to the same total count (`targetSum`, default the median library size). Cells with no counts
 * stay zero. Returns a new matrix sharing `indptr` and `indices` with the input.
 */
export function normalizeTotal(m: CsrMatrix, options: NormalizeTotalOptions = {}): CsrMatrix {
  const sizes = options.librarySizes ?? librarySizes(m);
  const target = options.targetSum ?? median(sizes);
  const data = new Float32Array(m.data.length);
  for (let i = 0; i < m.rows; i++) {
    // Computed in Float64 and rounded once, as numpy does on float64 input.
    const factor = sizes[i] > 0 ? target / sizes[i] : 0;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) data[p] = m.data[p] * factor;
  }
  return { rows: m.rows, cols: m.cols, indptr: m.indptr, indices: m.indices, data };
}

/** Natural log of 1 + x on every stored value (zeros stay zero). Shares `indptr` and `indices` with the input. */
export function log1p(m: CsrMatrix): CsrMatrix {
  const data = new Float32Array(m.data.length);
  for (let p = 0; p < data.length; p++) data[p] = Math.log1p(m.data[p]);
  return { rows: m.rows, cols: m.cols, indptr: m.indptr, indices: m.indices, data };
}

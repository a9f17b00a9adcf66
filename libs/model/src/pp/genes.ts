import type { CsrMatrix } from '../matrix.js';

/** Options of {@link highlyVariableGenes}. */
export interface HighlyVariableGenesOptions {
  /** How many genes to keep. */
  nTop: number;
  /** `dispersion`: sample variance (ddof 1) over mean of each gene, genes with zero mean scoring 0. */
  flavor?: 'dispersion';
}

/** Mean and sample variance (ddof 1) of every column of a CSR matrix, in Float64 (absent entries are zeros). */
export function columnMeanVariance(m: CsrMatrix): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(m.cols);
  const nnz = m.indptr[m.rows];
  for (let p = 0; p < nnz; p++) mean[m.indices[p]] += m.data[p];
  for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
  // Two-pass sum of squared deviations: stored values, then the implicit zeros' share (mean^2 each).
  const squares = new Float64Array(m.cols);
  const stored = new Int32Array(m.cols);
  for (let p = 0; p < nnz; p++) {
    const j = m.indices[p];
    const d = m.data[p] - mean[j];
    squares[j] += d * d;
    stored[j]++;
  }
  const variance = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++) {
    const total = squares[j] + (m.rows - stored[j]) * mean[j] * mean[j];
    variance[j] = m.rows > 1 ? total / (m.rows - 1) : 0;
  }
  return { mean, variance };
}

/**
 * The `nTop` genes of highest dispersion (variance / mean, ddof 1) of a log-normalised matrix, the recipe of
 * `../shared/tools/run_classic.py`. Returns their column indices in decreasing order of dispersion (ties by
 * column index); all columns, so ordered, when `nTop` is at least the number of genes.
 */
export function highlyVariableGenes(
  logNormalised: CsrMatrix,
  options: HighlyVariableGenesOptions,
): Int32Array {
  const { mean, variance } = columnMeanVariance(logNormalised);
  const dispersion = new Float64Array(logNormalised.cols);
  for (let j = 0; j < dispersion.length; j++)
    dispersion[j] = mean[j] > 0 ? variance[j] / Math.max(mean[j], 1e-12) : 0;
  const order = Int32Array.from({ length: dispersion.length }, (_, j) => j);
  order.sort((a, b) => dispersion[b] - dispersion[a] || a - b);
  return order.slice(0, Math.min(options.nTop, order.length));
}

/**
 * The columns `genes` of `m`, in that order (column c of the result is column `genes[c]` of `m`). Column indices
 * within each row of the result are ascending. Each gene may appear once.
 */
export function selectGenes(m: CsrMatrix, genes: Int32Array): CsrMatrix {
  const newColumn = new Int32Array(m.cols).fill(-1);
  for (let c = 0; c < genes.length; c++) newColumn[genes[c]] = c;
  // Two counting-sort passes (cells by new column, then back to rows) keep each row's columns ascending in O(nnz).
  const columnCounts = new Int32Array(genes.length + 1);
  const rowCounts = new Int32Array(m.rows + 1);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const c = newColumn[m.indices[p]];
      if (c >= 0) {
        columnCounts[c + 1]++;
        rowCounts[i + 1]++;
      }
    }
  }
  for (let c = 0; c < genes.length; c++) columnCounts[c + 1] += columnCounts[c];
  const nnz = columnCounts[genes.length];
  const byColumnRow = new Int32Array(nnz);
  const byColumnValue = new Float32Array(nnz);
  const next = columnCounts.slice(0, genes.length);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const c = newColumn[m.indices[p]];
      if (c >= 0) {
        const q = next[c]++;
        byColumnRow[q] = i;
        byColumnValue[q] = m.data[p];
      }
    }
  }
  const indptr = new Int32Array(m.rows + 1);
  for (let i = 0; i < m.rows; i++) indptr[i + 1] = indptr[i] + rowCounts[i + 1];
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  const rowNext = indptr.slice(0, m.rows);
  for (let c = 0; c < genes.length; c++) {
    for (let q = columnCounts[c]; q < columnCounts[c + 1]; q++) {
      const r = rowNext[byColumnRow[q]]++;
      indices[r] = c;
      data[r] = byColumnValue[q];
    }
  }
  return { rows: m.rows, cols: genes.length, indptr, indices, data };
}

import type { CsrMatrix } from '../matrix.js';

/** Options of {@link filterCellsGenes}. */
export interface FilterOptions {
  /** Keep cells whose total count (over the kept genes) is at least this. Default 1. */
  minCellCounts?: number;
  /** Keep genes whose total count over all cells is at least this. Default 1. */
  minGeneCounts?: number;
}

/** Result of {@link filterCellsGenes}: the filtered matrix and the original indices of what was kept. */
export interface FilterResult {
  matrix: CsrMatrix;
  /** Original row index of each kept cell, ascending. */
  keptCells: Int32Array;
  /** Original column index of each kept gene, ascending. */
  keptGenes: Int32Array;
}

/**
 * Drops genes with fewer than `minGeneCounts` total counts, then cells with fewer than `minCellCounts` counts over
 * the kept genes (the order of scDeepCluster's preprocessing: genes first, so a cell left with nothing is dropped).
 * Returns a new matrix; the input is not changed.
 */
export function filterCellsGenes(m: CsrMatrix, options: FilterOptions = {}): FilterResult {
  const minCellCounts = options.minCellCounts ?? 1;
  const minGeneCounts = options.minGeneCounts ?? 1;
  const geneTotals = new Float64Array(m.cols);
  const nnz = m.indptr[m.rows];
  for (let p = 0; p < nnz; p++) geneTotals[m.indices[p]] += m.data[p];
  const newColumn = new Int32Array(m.cols).fill(-1);
  let keptGeneCount = 0;
  for (let j = 0; j < m.cols; j++) if (geneTotals[j] >= minGeneCounts) newColumn[j] = keptGeneCount++;
  const keptGenes = new Int32Array(keptGeneCount);
  for (let j = 0; j < m.cols; j++) if (newColumn[j] >= 0) keptGenes[newColumn[j]] = j;

  const keepCell = new Uint8Array(m.rows);
  let keptCellCount = 0;
  let keptNnz = 0;
  for (let i = 0; i < m.rows; i++) {
    let total = 0;
    let count = 0;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      if (newColumn[m.indices[p]] >= 0) {
        total += m.data[p];
        count++;
      }
    }
    if (total >= minCellCounts) {
      keepCell[i] = 1;
      keptCellCount++;
      keptNnz += count;
    }
  }
  const keptCells = new Int32Array(keptCellCount);
  const indptr = new Int32Array(keptCellCount + 1);
  const indices = new Int32Array(keptNnz);
  const data = new Float32Array(keptNnz);
  let row = 0;
  let q = 0;
  for (let i = 0; i < m.rows; i++) {
    if (!keepCell[i]) continue;
    keptCells[row] = i;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const column = newColumn[m.indices[p]];
      if (column >= 0) {
        indices[q] = column;
        data[q] = m.data[p];
        q++;
      }
    }
    indptr[++row] = q;
  }
  return {
    matrix: { rows: keptCellCount, cols: keptGeneCount, indptr, indices, data },
    keptCells,
    keptGenes,
  };
}

/** The rows `rows` of `m`, in that order (row r of the result is row `rows[r]` of `m`). */
export function selectCells(m: CsrMatrix, rows: ArrayLike<number>): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) indptr[r + 1] = indptr[r] + m.indptr[rows[r] + 1] - m.indptr[rows[r]];
  const indices = new Int32Array(indptr[rows.length]);
  const data = new Float32Array(indptr[rows.length]);
  for (let r = 0; r < rows.length; r++) {
    const start = m.indptr[rows[r]];
    const end = m.indptr[rows[r] + 1];
    indices.set(m.indices.subarray(start, end), indptr[r]);
    data.set(m.data.subarray(start, end), indptr[r]);
  }
  return { rows: rows.length, cols: m.cols, indptr, indices, data };
}

import { checkSameLength, encodeLabels, type Labels } from './labels.js';

/**
 * The contingency table of two labellings, kept sparse: only the nonzero cells, in row-major order. Rows are the
 * true classes, columns the predicted clusters, both in sorted label order. Every score in this package is a
 * function of this table, so it is built once per pair in O(n + rows * cols) time at most.
 */
export interface ContingencyTable {
  /** Number of labelled cells. */
  n: number;
  /** Number of distinct true labels. */
  rows: number;
  /** Number of distinct predicted labels. */
  cols: number;
  /** Cells per true class. */
  rowSums: Float64Array;
  /** Cells per predicted cluster. */
  colSums: Float64Array;
  /** Row of each nonzero cell. */
  cellRows: Int32Array;
  /** Column of each nonzero cell. */
  cellCols: Int32Array;
  /** Count of each nonzero cell. */
  cellCounts: Float64Array;
  /** Sorted distinct true labels (row order). */
  rowValues: number[] | string[];
  /** Sorted distinct predicted labels (column order). */
  colValues: number[] | string[];
}

// A dense count array is used while it is no larger than this many entries per cell (or 2^20 entries); beyond
// that (e.g. all-distinct labels) the pairs are counting-sorted instead, so memory stays O(n).
const DENSE_ENTRIES_PER_CELL = 4;

/**
 * Builds the contingency table of `truth` (rows) against `pred` (columns). Throws `LENGTH_MISMATCH`, `EMPTY`,
 * `NOT_FINITE` or `INVALID_LABEL` ({@link MetricsInputError}) for unusable labels.
 */
export function contingencyTable(truth: Labels, pred: Labels): ContingencyTable {
  checkSameLength(truth, pred);
  const rowLabels = encodeLabels(truth, 'truth');
  const colLabels = encodeLabels(pred, 'pred');
  const n = truth.length;
  const rows = rowLabels.values.length;
  const cols = colLabels.values.length;
  const rowCodes = rowLabels.codes;
  const colCodes = colLabels.codes;

  let cellRows: Int32Array;
  let cellCols: Int32Array;
  let cellCounts: Float64Array;
  if (rows * cols <= Math.max(DENSE_ENTRIES_PER_CELL * n, 1 << 20)) {
    const dense = new Float64Array(rows * cols);
    for (let i = 0; i < n; i++) dense[rowCodes[i] * cols + colCodes[i]]++;
    let nonzero = 0;
    for (let k = 0; k < dense.length; k++) if (dense[k] !== 0) nonzero++;
    cellRows = new Int32Array(nonzero);
    cellCols = new Int32Array(nonzero);
    cellCounts = new Float64Array(nonzero);
    let c = 0;
    for (let k = 0; k < dense.length; k++) {
      if (dense[k] === 0) continue;
      cellRows[c] = Math.floor(k / cols);
      cellCols[c] = k % cols;
      cellCounts[c] = dense[k];
      c++;
    }
  } else {
    // Two stable counting sorts, by column and then by row, put the cells in row-major order in O(n + rows + cols).
    const order = stableOrderBy(rowCodes, rows, stableOrderBy(colCodes, cols, null));
    let nonzero = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const previous = order[k - 1];
      if (k === 0 || rowCodes[i] !== rowCodes[previous] || colCodes[i] !== colCodes[previous]) nonzero++;
    }
    cellRows = new Int32Array(nonzero);
    cellCols = new Int32Array(nonzero);
    cellCounts = new Float64Array(nonzero);
    let c = -1;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const previous = order[k - 1];
      if (k === 0 || rowCodes[i] !== rowCodes[previous] || colCodes[i] !== colCodes[previous]) {
        c++;
        cellRows[c] = rowCodes[i];
        cellCols[c] = colCodes[i];
      }
      cellCounts[c]++;
    }
  }
  return {
    n,
    rows,
    cols,
    rowSums: Float64Array.from(rowLabels.sizes),
    colSums: Float64Array.from(colLabels.sizes),
    cellRows,
    cellCols,
    cellCounts,
    rowValues: rowLabels.values,
    colValues: colLabels.values,
  };
}

/** The indices `order` (all of 0..n-1 when null) stably sorted by `codes[index]`, codes in 0..buckets-1. */
function stableOrderBy(codes: Int32Array, buckets: number, order: Int32Array | null): Int32Array {
  const n = codes.length;
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[codes[i] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const sorted = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k];
    sorted[start[codes[i]]++] = i;
  }
  return sorted;
}

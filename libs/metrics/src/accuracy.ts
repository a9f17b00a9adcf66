import { contingencyTable, type ContingencyTable } from './contingency.js';
import { MetricsInputError } from './errors.js';
import type { Labels } from './labels.js';
import { linearSumAssignment } from './linear-sum-assignment.js';

// A connected block of the contingency table is solved densely; refuse blocks whose dense matrix would not fit.
const MAX_BLOCK_ENTRIES = 50_000_000;

/**
 * The best one-to-one mapping (matched true-class and predicted-cluster codes, and the cells they cover) of predicted clusters to true classes: the matching that maximises the number of
 * cells whose predicted cluster maps to their true class. Rows and columns that share no cell cannot gain from
 * being matched, so each connected block of the table (cells link their row and column) is solved on its own;
 * all-distinct labels are then n blocks of one cell rather than an n x n problem.
 */
export function bestMappingOfTable(table: ContingencyTable): {
  truthIndex: Int32Array;
  predIndex: Int32Array;
  matched: number;
} {
  const { rows, cols, cellRows, cellCols, cellCounts } = table;
  const cells = cellCounts.length;
  // Union-find over rows (0..rows-1) and columns (rows..rows+cols-1).
  const parent = Int32Array.from({ length: rows + cols }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]];
      k = parent[k];
    }
    return k;
  };
  for (let c = 0; c < cells; c++) {
    const a = find(cellRows[c]);
    const b = find(rows + cellCols[c]);
    if (a !== b) parent[a] = b;
  }
  // Group the cells by block (counting sort on the block's root).
  const blockOfCell = new Int32Array(cells);
  const blockStart = new Int32Array(rows + cols + 1);
  for (let c = 0; c < cells; c++) {
    blockOfCell[c] = find(cellRows[c]);
    blockStart[blockOfCell[c] + 1]++;
  }
  for (let b = 0; b < rows + cols; b++) blockStart[b + 1] += blockStart[b];
  const cellsByBlock = new Int32Array(cells);
  const cursor = blockStart.slice(0, rows + cols);
  for (let c = 0; c < cells; c++) cellsByBlock[cursor[blockOfCell[c]]++] = c;

  const truthIndex = new Int32Array(Math.min(rows, cols));
  const predIndex = new Int32Array(Math.min(rows, cols));
  let pairs = 0;
  let matched = 0;
  const rowPosition = new Int32Array(rows).fill(-1);
  const colPosition = new Int32Array(cols).fill(-1);
  for (let b = 0; b < rows + cols; b++) {
    const first = blockStart[b];
    const last = blockStart[b + 1];
    if (last - first === 0) continue;
    if (last - first === 1) {
      // One cell: its row and column are matched to each other and nothing else.
      const c = cellsByBlock[first];
      truthIndex[pairs] = cellRows[c];
      predIndex[pairs++] = cellCols[c];
      matched += cellCounts[c];
      continue;
    }
    const blockRows: number[] = [];
    const blockCols: number[] = [];
    for (let k = first; k < last; k++) {
      const c = cellsByBlock[k];
      if (rowPosition[cellRows[c]] < 0) rowPosition[cellRows[c]] = blockRows.push(cellRows[c]) - 1;
      if (colPosition[cellCols[c]] < 0) colPosition[cellCols[c]] = blockCols.push(cellCols[c]) - 1;
    }
    const height = blockRows.length;
    const width = blockCols.length;
    if (height * width > MAX_BLOCK_ENTRIES) {
      throw new MetricsInputError(
        'TOO_LARGE',
        `clustering accuracy needs a ${height} x ${width} assignment problem; that is too large to solve`,
      );
    }
    const dense = new Float64Array(height * width);
    for (let k = first; k < last; k++) {
      const c = cellsByBlock[k];
      dense[rowPosition[cellRows[c]] * width + colPosition[cellCols[c]]] = cellCounts[c];
    }
    const assignment = linearSumAssignment(dense, height, width, { maximize: true });
    for (let k = 0; k < assignment.rowIndices.length; k++) {
      const weight = dense[assignment.rowIndices[k] * width + assignment.colIndices[k]];
      if (weight === 0) continue;
      truthIndex[pairs] = blockRows[assignment.rowIndices[k]];
      predIndex[pairs++] = blockCols[assignment.colIndices[k]];
      matched += weight;
    }
  }
  return { truthIndex: truthIndex.slice(0, pairs), predIndex: predIndex.slice(0, pairs), matched };
}

/** Clustering accuracy of a contingency table; see {@link clusteringAccuracy}. */
export function clusteringAccuracyOfTable(table: ContingencyTable): number {
  return bestMappingOfTable(table).matched / table.n;
}

/**
 * Clustering accuracy (CA): the fraction of cells whose predicted cluster maps to their true class under the best
 * one-to-one mapping between clusters and classes (Hungarian algorithm). With unequal numbers of clusters and
 * classes, the surplus ones stay unmapped and their cells count as errors.
 */
export function clusteringAccuracy(truth: Labels, pred: Labels): number {
  return clusteringAccuracyOfTable(contingencyTable(truth, pred));
}

/** Purity of a contingency table; see {@link purity}. */
export function purityOfTable(table: ContingencyTable): number {
  const largest = new Float64Array(table.cols);
  const { cellCols, cellCounts } = table;
  for (let c = 0; c < cellCounts.length; c++) {
    if (cellCounts[c] > largest[cellCols[c]]) largest[cellCols[c]] = cellCounts[c];
  }
  let sum = 0;
  for (const value of largest) sum += value;
  return sum / table.n;
}

/**
 * Purity: each predicted cluster is credited with its most common true class; the fraction of cells so credited.
 * 1 when every cluster is pure (also when every cell is its own cluster).
 */
export function purity(truth: Labels, pred: Labels): number {
  return purityOfTable(contingencyTable(truth, pred));
}

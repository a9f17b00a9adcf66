import { MetricsInputError } from '../errors.js';

/**
 * Compressed sparse rows, cells x genes: row i holds `data[indptr[i]..indptr[i+1])` at columns `indices[...]`.
 * Structurally the same as the matrix libs/io reads and libs/model transforms, so theirs passes straight in.
 */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

/** Throws `INVALID_MATRIX` for inconsistent CSR arrays and `NOT_FINITE` for NaN or infinite values. */
export function checkCsrMatrix(matrix: CsrMatrix): void {
  const { rows, cols, indptr, indices, data } = matrix;
  const fail = (message: string) => {
    throw new MetricsInputError('INVALID_MATRIX', `expression matrix: ${message}`);
  };
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    fail(`shape ${rows} x ${cols} is not a pair of non-negative integers`);
  }
  if (indptr.length !== rows + 1)
    fail(`indptr has ${indptr.length} entries, expected rows + 1 = ${rows + 1}`);
  if (indptr[0] !== 0) fail(`indptr[0] is ${indptr[0]}, expected 0`);
  if (indices.length !== data.length)
    fail(`indices (${indices.length}) and data (${data.length}) differ in length`);
  if (indptr[rows] !== data.length)
    fail(`indptr[rows] is ${indptr[rows]} but there are ${data.length} values`);
  for (let i = 0; i < rows; i++) {
    if (indptr[i + 1] < indptr[i]) fail(`indptr decreases at row ${i}`);
  }
  // lastRow[j] is the last row seen with column j: a repeat within one row is a duplicate entry.
  const lastRow = new Int32Array(cols).fill(-1);
  for (let i = 0; i < rows; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      const j = indices[k];
      if (j < 0 || j >= cols) fail(`column index ${j} at position ${k} is outside 0..${cols - 1}`);
      if (lastRow[j] === i) fail(`row ${i} lists column ${j} twice`);
      lastRow[j] = i;
      if (!Number.isFinite(data[k])) {
        throw new MetricsInputError(
          'NOT_FINITE',
          `expression matrix: value ${data[k]} at row ${i}, column ${j}; values must be finite`,
        );
      }
    }
  }
}

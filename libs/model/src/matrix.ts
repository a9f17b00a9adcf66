/**
 * The matrix shapes every step of libs/model takes. `CsrMatrix` is structurally the same as the count matrix that
 * libs/io returns, so a reader's result passes straight in without libs/model knowing about files.
 */

/** Compressed sparse rows: row i holds `data[indptr[i]..indptr[i+1])` at columns `indices[...]`. Rows are cells. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

/** Row-major dense matrix: element (i, j) is `data[i * cols + j]`. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

import type { CsrMatrix, DenseMatrix } from '../matrix.js';

/** Dense row-major copy of a CSR matrix. */
export function toDense(m: CsrMatrix): DenseMatrix {
  const data = new Float32Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    const offset = i * m.cols;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) data[offset + m.indices[p]] = m.data[p];
  }
  return { rows: m.rows, cols: m.cols, data };
}

/** CSR copy of a dense row-major matrix, storing only the non-zero values. */
export function toCsr(m: DenseMatrix): CsrMatrix {
  let nnz = 0;
  for (let q = 0; q < m.data.length; q++) if (m.data[q] !== 0) nnz++;
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let p = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j];
      if (v !== 0) {
        indices[p] = j;
        data[p++] = v;
      }
    }
    indptr[i + 1] = p;
  }
  return { rows: m.rows, cols: m.cols, indptr, indices, data };
}

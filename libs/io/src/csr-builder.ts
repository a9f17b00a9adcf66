import type { CountCheck } from './count-check.js';

/** The CSR arrays of a matrix without names. */
export interface CsrArrays {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

type NumericArray = ArrayLike<number>;

/**
 * Builds CSR row by row into growing typed arrays, so memory follows the number of non-zeros rather than
 * rows x cols. Zeros are skipped; every stored value goes through a {@link CountCheck}.
 */
export class CsrBuilder {
  private indices: Int32Array;
  private data: Float32Array;
  private indptr: Int32Array;
  private nnz = 0;
  private rowCount = 0;

  constructor(
    private readonly check: CountCheck,
    expectedRows = 1024,
    expectedNonZeros = 1 << 16,
  ) {
    this.indptr = new Int32Array(Math.max(1, expectedRows) + 1);
    this.indices = new Int32Array(Math.max(16, expectedNonZeros));
    this.data = new Float32Array(this.indices.length);
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Adds value `value` at column `col` of the current row (columns must ascend within a row). */
  push(col: number, value: number): void {
    if (value === 0) return;
    this.check.check(value, this.rowCount, col);
    if (this.nnz === this.indices.length) this.grow();
    this.indices[this.nnz] = col;
    this.data[this.nnz] = value;
    this.nnz++;
  }

  /** Closes the current row. */
  endRow(): void {
    this.rowCount++;
    if (this.rowCount + 1 > this.indptr.length) {
      const bigger = new Int32Array(this.indptr.length * 2);
      bigger.set(this.indptr);
      this.indptr = bigger;
    }
    if (this.nnz > 0x7fffffff) throw new RangeError('more than 2^31 non-zeros');
    this.indptr[this.rowCount] = this.nnz;
  }

  /** Appends `blockRows` dense row-major rows of width `cols` (one hyperslab of a dense dataset). */
  appendDenseRows(block: NumericArray, blockRows: number, cols: number): void {
    for (let r = 0; r < blockRows; r++) {
      const base = r * cols;
      for (let c = 0; c < cols; c++) {
        const value = block[base + c]!;
        if (value !== 0) this.push(c, value);
      }
      this.endRow();
    }
  }

  private grow(): void {
    const size = Math.ceil(this.indices.length * 1.5);
    const indices = new Int32Array(size);
    indices.set(this.indices);
    this.indices = indices;
    const data = new Float32Array(size);
    data.set(this.data);
    this.data = data;
  }

  /** Returns the finished arrays, trimmed to size. */
  finish(cols: number): CsrArrays {
    return {
      rows: this.rowCount,
      cols,
      indptr: trim(this.indptr, this.rowCount + 1),
      indices: trim(this.indices, this.nnz),
      data: trim(this.data, this.nnz),
    };
  }
}

/** Shrinks a buffer to `length`, copying only when the spare capacity is worth giving back. */
function trim<T extends Int32Array | Float32Array>(array: T, length: number): T {
  if (array.length === length) return array;
  return (array.length - length > array.length / 8 ? array.slice(0, length) : array.subarray(0, length)) as T;
}

/**
 * Transposes CSR (rows x cols) into CSR of cols x rows with a counting sort; also turns CSC into CSR. Row indices
 * of the result come out sorted.
 */
export function transposeCsr(matrix: CsrArrays): CsrArrays {
  const { rows, cols, indptr, indices, data } = matrix;
  const nnz = indptr[rows]!;
  const outIndptr = new Int32Array(cols + 1);
  for (let k = 0; k < nnz; k++) outIndptr[indices[k]! + 1]!++;
  for (let c = 0; c < cols; c++) outIndptr[c + 1]! += outIndptr[c]!;
  const next = outIndptr.slice(0, cols);
  const outIndices = new Int32Array(nnz);
  const outData = new Float32Array(nnz);
  for (let r = 0; r < rows; r++) {
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const slot = next[indices[k]!]!++;
      outIndices[slot] = r;
      outData[slot] = data[k]!;
    }
  }
  return { rows: cols, cols: rows, indptr: outIndptr, indices: outIndices, data: outData };
}

/** Sorts column indices within each row in place (files may store rows unsorted); a no-op on sorted rows. */
export function sortRowsInPlace(matrix: CsrArrays): void {
  const { rows, indptr, indices, data } = matrix;
  for (let r = 0; r < rows; r++) {
    const start = indptr[r]!;
    const end = indptr[r + 1]!;
    let previous = -1;
    let sorted = true;
    for (let k = start; k < end; k++) {
      const column = indices[k]!;
      if (column < previous) {
        sorted = false;
        break;
      }
      previous = column;
    }
    if (sorted) continue;
    const order = Array.from({ length: end - start }, (_, i) => start + i).sort(
      (a, b) => indices[a]! - indices[b]!,
    );
    const rowIndices = order.map((k) => indices[k]!);
    const rowData = order.map((k) => data[k]!);
    indices.set(rowIndices, start);
    data.set(rowData, start);
  }
}

/** Keeps only the columns (genes) where `keep` is true, renumbering indices. */
export function keepColumns(matrix: CsrArrays, keep: boolean[]): CsrArrays {
  const newIndex = new Int32Array(keep.length).fill(-1);
  let cols = 0;
  keep.forEach((kept, i) => {
    if (kept) newIndex[i] = cols++;
  });
  const indptr = new Int32Array(matrix.rows + 1);
  const indices = new Int32Array(matrix.indices.length);
  const data = new Float32Array(matrix.data.length);
  let write = 0;
  for (let r = 0; r < matrix.rows; r++) {
    for (let k = matrix.indptr[r]!; k < matrix.indptr[r + 1]!; k++) {
      const column = newIndex[matrix.indices[k]!]!;
      if (column < 0) continue;
      indices[write] = column;
      data[write] = matrix.data[k]!;
      write++;
    }
    indptr[r + 1] = write;
  }
  return { rows: matrix.rows, cols, indptr, indices: indices.slice(0, write), data: data.slice(0, write) };
}

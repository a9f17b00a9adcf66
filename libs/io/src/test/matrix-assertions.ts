import { expect } from 'vitest';
import type { CountMatrix } from '../count-matrix.js';

/** Asserts the invariants every CountMatrix must hold, whatever reader made it. */
export function expectValidCountMatrix(matrix: CountMatrix): void {
  const { rows, cols, indptr, indices, data } = matrix;
  expect(indptr).toBeInstanceOf(Int32Array);
  expect(indices).toBeInstanceOf(Int32Array);
  expect(data).toBeInstanceOf(Float32Array);
  expect(indptr.length).toBe(rows + 1);
  expect(indptr[0]).toBe(0);
  expect(indptr[rows]).toBe(data.length);
  expect(indices.length).toBe(data.length);
  expect(matrix.cellIds).toHaveLength(rows);
  expect(matrix.geneNames).toHaveLength(cols);
  expect(new Set(matrix.cellIds).size).toBe(rows);
  for (let r = 0; r < rows; r++) {
    if (indptr[r + 1]! < indptr[r]!) throw new Error(`indptr decreases at row ${r}`);
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const column = indices[k]!;
      const value = data[k]!;
      if (column < 0 || column >= cols) throw new Error(`row ${r}: column ${column} out of range`);
      if (k > indptr[r]! && column <= indices[k - 1]!)
        throw new Error(`row ${r}: columns not strictly ascending`);
      if (!(value > 0 && Number.isInteger(value)))
        throw new Error(`row ${r}: value ${value} is not a positive count`);
    }
  }
  for (const column of matrix.labels) expect(column.values).toHaveLength(rows);
  expect(matrix.provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
}

/** Asserts two matrices hold the same counts in the same cells and genes (names compared when both have real ones). */
export function expectSameCounts(actual: CountMatrix, expected: CountMatrix): void {
  expect([actual.rows, actual.cols, actual.data.length]).toEqual([
    expected.rows,
    expected.cols,
    expected.data.length,
  ]);
  expect(
    Buffer.from(actual.indptr.buffer, actual.indptr.byteOffset, actual.indptr.byteLength).equals(
      Buffer.from(expected.indptr.buffer, expected.indptr.byteOffset, expected.indptr.byteLength),
    ),
  ).toBe(true);
  expect(
    Buffer.from(actual.indices.buffer, actual.indices.byteOffset, actual.indices.byteLength).equals(
      Buffer.from(expected.indices.buffer, expected.indices.byteOffset, expected.indices.byteLength),
    ),
  ).toBe(true);
  expect(
    Buffer.from(actual.data.buffer, actual.data.byteOffset, actual.data.byteLength).equals(
      Buffer.from(expected.data.buffer, expected.data.byteOffset, expected.data.byteLength),
    ),
  ).toBe(true);
}

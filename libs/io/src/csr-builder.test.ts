import { describe, expect, it } from 'vitest';
import { CountCheck } from './count-check.js';
import { CsrBuilder, keepColumns, transposeCsr } from './csr-builder.js';

describe('CsrBuilder', () => {
  it('skips zeros, grows past its first capacity and records bad values', () => {
    const check = new CountCheck();
    const builder = new CsrBuilder(check, 1, 16);
    for (let row = 0; row < 10; row++) {
      builder.appendDenseRows(Float32Array.from([0, row, 0, 2.5 * (row === 3 ? 1 : 0), row * 2]), 1, 5);
    }
    const matrix = builder.finish(5);
    expect(matrix.rows).toBe(10);
    expect(matrix.indptr[10]).toBe(matrix.data.length);
    // rows 1..9 have two non-zeros, row 3 a third (2.5, non-integer).
    expect(matrix.data.length).toBe(19);
    expect(check.nonInteger).toBe(1);
    expect(() => check.throwIfBad('f.csv', 'X')).toThrow(
      /f.csv: X holds 1 non-integer value\(s\) \(first: 2.5 at row 4, column 4\)/,
    );
  });
});

describe('transposeCsr', () => {
  it('transposes a hand-made 2 x 3 matrix', () => {
    // [[1, 0, 2], [0, 3, 0]] -> [[1, 0], [0, 3], [2, 0]]
    const transposed = transposeCsr({
      rows: 2,
      cols: 3,
      indptr: Int32Array.from([0, 2, 3]),
      indices: Int32Array.from([0, 2, 1]),
      data: Float32Array.from([1, 2, 3]),
    });
    expect({
      ...transposed,
      indptr: [...transposed.indptr],
      indices: [...transposed.indices],
      data: [...transposed.data],
    }).toEqual({
      rows: 3,
      cols: 2,
      indptr: [0, 1, 2, 3],
      indices: [0, 1, 0],
      data: [1, 3, 2],
    });
  });
});

describe('keepColumns', () => {
  it('drops columns and renumbers the rest', () => {
    const kept = keepColumns(
      {
        rows: 2,
        cols: 3,
        indptr: Int32Array.from([0, 2, 3]),
        indices: Int32Array.from([0, 2, 1]),
        data: Float32Array.from([1, 2, 3]),
      },
      [true, false, true],
    );
    expect([kept.cols, [...kept.indptr], [...kept.indices], [...kept.data]]).toEqual([
      2,
      [0, 2, 2],
      [0, 1],
      [1, 2],
    ]);
  });
});

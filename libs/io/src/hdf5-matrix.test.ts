import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset, openHdf5 } from './hdf5.js';
import { readDenseMatrix, readSparseMatrix } from './hdf5-matrix.js';
import { writeHdf5 } from './test/hdf5-fixtures.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scsamac-io-h5m-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('readSparseMatrix', () => {
  it('sorts unsorted rows, drops stored zeros and keeps 64-bit indices', async () => {
    // 2 x 4 CSR, row 0 stored as columns 3, 0, 2 (value at 2 is an explicit zero); row 1 as column 1.
    const path = join(dir, 'unsorted.h5');
    await writeHdf5(path, {
      children: {
        data: { data: Float64Array.from([5, 1, 0, 2]), dtype: '<d' },
        indices: { data: BigInt64Array.from([3n, 0n, 2n, 1n]), dtype: '<q' },
        indptr: { data: Int32Array.from([0, 3, 4]), dtype: '<i' },
      },
    });
    const file = await openHdf5(path);
    try {
      const { matrix, check, droppedZeros } = await readSparseMatrix(path, {
        data: getDataset(file, 'data')!,
        indices: getDataset(file, 'indices')!,
        indptr: getDataset(file, 'indptr')!,
        shape: [2, 4],
        kind: 'csr',
      });
      expect(check.ok).toBe(true);
      expect(droppedZeros).toBe(1);
      expect(Array.from(matrix.indptr)).toEqual([0, 2, 3]);
      expect(Array.from(matrix.indices)).toEqual([0, 3, 1]);
      expect(Array.from(matrix.data)).toEqual([1, 5, 2]);
    } finally {
      file.close();
    }
  });

  it('rejects an index outside the matrix', async () => {
    const path = join(dir, 'outside.h5');
    await writeHdf5(path, {
      children: {
        data: { data: Float32Array.from([1, 1]), dtype: '<f' },
        indices: { data: Int32Array.from([0, 9]), dtype: '<i' },
        indptr: { data: Int32Array.from([0, 1, 2]), dtype: '<i' },
      },
    });
    const file = await openHdf5(path);
    try {
      const sparse = {
        data: getDataset(file, 'data')!,
        indices: getDataset(file, 'indices')!,
        indptr: getDataset(file, 'indptr')!,
      };
      await expect(readSparseMatrix(path, { ...sparse, shape: [2, 4], kind: 'csr' })).rejects.toThrow(
        /\/indices\[1\] = 9 is outside 0..3/,
      );
    } finally {
      file.close();
    }
  });
});

describe('readDenseMatrix', () => {
  it('reads a dense dataset in row blocks into the same CSR as one read', async () => {
    // 300 x 7 with chunks of 64 rows: several blocks, last one partial.
    const rows = 300;
    const cols = 7;
    const values = Int32Array.from({ length: rows * cols }, (_, i) => (i % 5 === 0 ? i % 13 : 0));
    const path = join(dir, 'dense.h5');
    await writeHdf5(path, {
      children: { X: { data: values, shape: [rows, cols], dtype: '<i', gzip: true } },
    });
    const file = await openHdf5(path);
    try {
      // 64 x 7 values per read: five reads of one chunk-row each, the last one partial.
      const { matrix } = await readDenseMatrix(path, getDataset(file, 'X')!, 64 * cols);
      const rebuilt = new Int32Array(rows * cols);
      for (let r = 0; r < rows; r++) {
        for (let k = matrix.indptr[r]!; k < matrix.indptr[r + 1]!; k++)
          rebuilt[r * cols + matrix.indices[k]!] = matrix.data[k]!;
      }
      expect(Array.from(rebuilt)).toEqual(Array.from(values));
      expect(matrix.data.length).toBe(values.filter((value) => value !== 0).length);
    } finally {
      file.close();
    }
  });
});

// Real data for the trainer tests: files under ../shared, and small subsamples of them written at test time into a
// test's temporary storage folder (never into the repository).
import { readMatrix, writeH5ad, type CountMatrix } from '@scsamac/io';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under the shared datasets folder (`../shared/datasets` beside the repository). */
export function sharedDataset(relative: string): string {
  return fileURLToPath(new URL(`../../../../../shared/datasets/${relative}`, import.meta.url));
}

/** 10X_PBMC: 4,271 cells x 2,000 genes, 8 cell types (label column `Y`). */
export const pbmcFile = sharedDataset('10X_PBMC/10X_PBMC_top2000.h5');

/** Every `step`-th cell of `matrix` (CSR rows, cell ids and label columns alike). */
export function everyNthCell(matrix: CountMatrix, step: number): CountMatrix {
  const rows: number[] = [];
  for (let i = 0; i < matrix.rows; i += step) rows.push(i);
  const indptr = new Int32Array(rows.length + 1);
  let nonZeros = 0;
  rows.forEach((row, i) => {
    nonZeros += matrix.indptr[row + 1]! - matrix.indptr[row]!;
    indptr[i + 1] = nonZeros;
  });
  const indices = new Int32Array(nonZeros);
  const data = new Float32Array(nonZeros);
  rows.forEach((row, i) => {
    const start = matrix.indptr[row]!;
    const end = matrix.indptr[row + 1]!;
    indices.set(matrix.indices.subarray(start, end), indptr[i]!);
    data.set(matrix.data.subarray(start, end), indptr[i]!);
  });
  return {
    ...matrix,
    rows: rows.length,
    indptr,
    indices,
    data,
    cellIds: rows.map((row) => matrix.cellIds[row]!),
    labels: matrix.labels.map((column) => ({
      name: column.name,
      values: rows.map((row) => column.values[row]!),
    })),
  };
}

/** Writes every `step`-th cell of the shared file `source` as an `.h5ad` at `target`; returns the subsample. */
export async function writeSubsample(source: string, step: number, target: string): Promise<CountMatrix> {
  const subsample = everyNthCell(await readMatrix(source), step);
  await writeH5ad(target, { matrix: subsample });
  return subsample;
}

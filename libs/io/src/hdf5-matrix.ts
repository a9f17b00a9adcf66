/**
 * Reading count matrices out of HDF5: dense datasets in row blocks (hyperslabs) into a CSR builder, and sparse
 * CSR/CSC triplets of arrays in element blocks. Both check every value, and memory follows the non-zeros.
 */
import { CountCheck } from './count-check.js';
import { CsrBuilder, sortRowsInPlace, transposeCsr, type CsrArrays } from './csr-builder.js';
import {
  assertReadableFilters,
  blockLength,
  isNumeric,
  readBlock,
  readNumbers,
  shapeOf,
  type Dataset,
} from './hdf5.js';
import { InputError } from './input-error.js';

/** A matrix read from a file, with the checks made on its values (the caller decides what is fatal). */
export interface CheckedMatrix {
  matrix: CsrArrays;
  check: CountCheck;
  /** Explicitly stored zeros that were dropped. */
  droppedZeros: number;
}

/**
 * Reads a dense 2-D dataset (rows x cols as stored) into CSR, whole chunk-rows at a time, about `blockElements`
 * values per read, so no dense copy of the whole matrix is ever made (beyond one chunk when chunks are huge).
 */
export async function readDenseMatrix(
  file: string,
  dataset: Dataset,
  blockElements = 1 << 22,
): Promise<CheckedMatrix> {
  assertReadableFilters(file, dataset);
  const shape = shapeOf(dataset);
  if (shape.length !== 2 || !isNumeric(dataset)) {
    throw new InputError(file, 'unsupported-layout', `dataset ${dataset.path} is not a 2-D numeric matrix`);
  }
  const [rows, cols] = shape as [number, number];
  const check = new CountCheck();
  const builder = new CsrBuilder(check, rows, Math.min(rows * cols, 1 << 20));
  const step = blockLength(dataset, blockElements);
  for (let start = 0; start < rows; start += step) {
    const count = Math.min(step, rows - start);
    await readBlock(file, dataset, start, count, (view) => builder.appendDenseRows(view, count, cols));
  }
  return { matrix: builder.finish(cols), check, droppedZeros: 0 };
}

/** Where the three arrays of a compressed sparse matrix live, and which axis `indptr` runs over. */
export interface SparseDatasets {
  data: Dataset;
  indices: Dataset;
  indptr: Dataset;
  /** Shape as the file states it: [rows, cols]. */
  shape: [number, number];
  /** `csr`: indptr over rows; `csc`: indptr over columns. */
  kind: 'csr' | 'csc';
}

/** Reads a compressed sparse matrix and returns it as CSR over the stored rows (CSC is transposed). */
export async function readSparseMatrix(file: string, sparse: SparseDatasets): Promise<CheckedMatrix> {
  for (const dataset of [sparse.data, sparse.indices, sparse.indptr]) {
    assertReadableFilters(file, dataset);
    if (!isNumeric(dataset) || shapeOf(dataset).length !== 1) {
      throw new InputError(file, 'unsupported-layout', `dataset ${dataset.path} is not a 1-D numeric array`);
    }
  }
  const [rows, cols] = sparse.shape;
  const major = sparse.kind === 'csr' ? rows : cols;
  const minor = sparse.kind === 'csr' ? cols : rows;
  const pointers = await readNumbers(file, sparse.indptr);
  const nnz = shapeOf(sparse.data)[0]!;
  if (pointers.length !== major + 1) {
    throw new InputError(
      file,
      'corrupt',
      `${sparse.indptr.path} has ${pointers.length} entries, expected ${major + 1} for a ${rows} x ${cols} ${sparse.kind} matrix`,
    );
  }
  if (shapeOf(sparse.indices)[0] !== nnz || pointers[0] !== 0 || pointers[major] !== nnz) {
    throw new InputError(
      file,
      'corrupt',
      `the arrays of ${sparse.kind} matrix ${sparse.data.path.replace(/\/data$/, '')} disagree ` +
        `(data ${nnz}, indices ${shapeOf(sparse.indices)[0]}, indptr ends at ${pointers[major]})`,
    );
  }
  if (nnz > 0x7fffffff) throw new InputError(file, 'too-large', `holds ${nnz} non-zeros, more than 2^31`);
  const indptr = new Int32Array(major + 1);
  for (let i = 0; i <= major; i++) {
    const value = pointers[i]!;
    if (i > 0 && value < pointers[i - 1]!) {
      throw new InputError(file, 'corrupt', `${sparse.indptr.path} decreases at entry ${i}`);
    }
    indptr[i] = value;
  }
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  // Typed-array set() converts any stored integer or float width in native code; checks run on the monomorphic copy.
  await copyBlocks(file, sparse.indices, nnz, (view, offset) =>
    indices.set(view as ArrayLike<number>, offset),
  );
  await copyBlocks(file, sparse.data, nnz, (view, offset) => data.set(view as ArrayLike<number>, offset));
  const unsorted = checkIndices(file, sparse.indices.path, {
    rows: major,
    cols: minor,
    indptr,
    indices,
    data,
  });

  let matrix: CsrArrays = { rows: major, cols: minor, indptr, indices, data };
  const { check, zeros } = checkSparseValues(matrix, sparse.kind);
  if (zeros > 0) dropZeros(matrix);
  if (unsorted) sortRowsInPlace(matrix);
  if (sparse.kind === 'csc') matrix = transposeCsr(matrix);
  return { matrix, check, droppedZeros: zeros };
}

/**
 * One pass over the indices: each must address a row/column (64-bit or float indices were converted by set()
 * already); returns whether any row is unsorted, so the sort pass runs only when needed.
 */
function checkIndices(file: string, path: string, matrix: CsrArrays): boolean {
  const { rows, cols, indptr, indices } = matrix;
  let unsorted = false;
  for (let r = 0; r < rows; r++) {
    const end = indptr[r + 1]!;
    let previous = -1;
    for (let k = indptr[r]!; k < end; k++) {
      const index = indices[k]!;
      if (index < 0 || index >= cols) {
        throw new InputError(file, 'corrupt', `${path}[${k}] = ${index} is outside 0..${cols - 1}`);
      }
      if (index < previous) unsorted = true;
      previous = index;
    }
  }
  return unsorted;
}

/** One pass over the values: the count check (positions in the file's own terms) and the number of stored zeros. */
function checkSparseValues(matrix: CsrArrays, kind: 'csr' | 'csc'): { check: CountCheck; zeros: number } {
  const check = new CountCheck();
  const { rows, indptr, indices, data } = matrix;
  let zeros = 0;
  for (let r = 0; r < rows; r++) {
    const end = indptr[r + 1]!;
    for (let k = indptr[r]!; k < end; k++) {
      const value = data[k]!;
      if (value > 0 && value === Math.floor(value) && value !== Infinity) continue;
      if (value === 0) zeros++;
      else if (kind === 'csr') check.check(value, r, indices[k]!);
      else check.check(value, indices[k]!, r);
    }
  }
  return { check, zeros };
}

async function copyBlocks(
  file: string,
  dataset: Dataset,
  length: number,
  visit: (view: ArrayLike<number> & { length: number }, offset: number) => void,
): Promise<void> {
  const step = blockLength(dataset, 1 << 21);
  for (let offset = 0; offset < length; offset += step) {
    const count = Math.min(step, length - offset);
    await readBlock(file, dataset, offset, count, (view) => visit(view, offset));
  }
}

/** Removes explicitly stored zeros in place (rewriting indptr). */
function dropZeros(matrix: CsrArrays): void {
  const { rows, indptr, indices, data } = matrix;
  let write = 0;
  let start = 0;
  for (let r = 0; r < rows; r++) {
    const end = indptr[r + 1]!;
    for (let k = start; k < end; k++) {
      if (data[k] === 0) continue;
      indices[write] = indices[k]!;
      data[write] = data[k]!;
      write++;
    }
    start = end;
    indptr[r + 1] = write;
  }
  matrix.indices = indices.slice(0, write);
  matrix.data = data.slice(0, write);
}

/** Reads a 1-D numeric label dataset as text (`1.0` becomes `'1'`). */
export async function readNumericLabels(file: string, dataset: Dataset): Promise<string[]> {
  const values = await readNumbers(file, dataset);
  return Array.from(values, (value) => String(value));
}

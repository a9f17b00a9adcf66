/**
 * @scsamac/io: every count-matrix format users bring (h5, h5ad, Cell Ranger h5 and MTX, CSV/TSV plain/gzip/zip)
 * read into one sparse {@link CountMatrix}, label files, and results written back as AnnData `.h5ad`.
 */
export {
  MATRIX_FORMATS,
  labelClassCount,
  totalCount,
  type CountMatrix,
  type LabelColumn,
  type MatrixFormat,
  type Orientation,
  type Provenance,
} from './count-matrix.js';
export { InputError, type InputErrorCode } from './input-error.js';
export { readLabelFile } from './label-file.js';
export { detectFormat, readMatrix, summarizeMatrix } from './read-matrix.js';
export { DEFAULT_MAX_BYTES, readMatrixOptionsSchema, type ReadMatrixOptions } from './read-options.js';
export type { MatrixReader, MatrixSummary } from './readers/reader.js';
export { READERS } from './readers/registry.js';
export { writeH5ad, type DenseMatrix, type H5adContent, type WriteH5adOptions } from './write-h5ad.js';

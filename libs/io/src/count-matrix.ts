/**
 * The one in-memory type every reader returns. The CSR fields (`rows`, `cols`, `indptr`, `indices`, `data`) have the
 * names and types of `CsrMatrix` in libs/model, so a `CountMatrix` passes straight into the model without a copy.
 */

/** The file layouts `readMatrix` understands; also the values of `--format`. */
export const MATRIX_FORMATS = ['h5', 'h5ad', '10x-h5', '10x-mtx', 'csv'] as const;

/** One of {@link MATRIX_FORMATS}. */
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

/** Which axis of the file held the cells. */
export type Orientation = 'cells-x-genes' | 'genes-x-cells';

/**
 * One named column of per-cell labels, e.g. `{ name: 'cell_type', values: ['beta', 'ductal', …] }`.
 * `values[i]` labels row `i` of the matrix. Numeric codes are kept as their decimal text (`1.0` becomes `'1'`).
 */
export interface LabelColumn {
  name: string;
  values: string[];
}

/** Where a matrix came from. */
export interface Provenance {
  /** The layout that was read. */
  format: MatrixFormat;
  /** How the file was laid out (the in-memory matrix is always cells x genes). */
  orientation: Orientation;
  /** Whether `orientation` was detected (true) or given by the caller or fixed by the format (false). */
  orientationDetected: boolean;
  /** Absolute path of the file or folder that was read. */
  source: string;
  /** Hex SHA-256 of the file's bytes; for a folder, of each file's name and bytes in name order. */
  sha256: string;
  /** Size on disk in bytes (summed over a folder). */
  bytes: number;
  /** The matrix inside the file that was used, e.g. `X`, `layers/counts`, `raw/X`, `matrix`, or a zip member. */
  matrixPath: string;
  /** Human-readable notes about choices made while reading (a raw layer used, feature types dropped, …). */
  notes: string[];
}

/**
 * A cells x genes count matrix in compressed sparse rows: row `i` (a cell) holds `data[indptr[i]..indptr[i+1])` at
 * the gene columns `indices[…]`, sorted ascending within a row. Values are non-negative integers stored as float32.
 * Memory grows with the number of non-zeros.
 */
export interface CountMatrix {
  /** Number of cells. */
  rows: number;
  /** Number of genes. */
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
  /** One id per cell, unique. Files that store none get `cell_0`, `cell_1`, …. */
  cellIds: string[];
  /** One name per gene. Files that store none get `gene_0`, `gene_1`, …. */
  geneNames: string[];
  /**
   * Per-cell label columns. When a label column or file was asked for, it is `labels[0]`; otherwise the file's own
   * order (h5 `Y`, h5ad `obs` columns, CSV text columns, label files found beside an MTX matrix).
   */
  labels: LabelColumn[];
  provenance: Provenance;
}

/** Number of distinct values of a label column. */
export function labelClassCount(column: LabelColumn): number {
  return new Set(column.values).size;
}

/** Sum of all counts in the matrix (float64 accumulation). */
export function totalCount(matrix: Pick<CountMatrix, 'data'>): number {
  let total = 0;
  for (let i = 0; i < matrix.data.length; i++) total += matrix.data[i]!;
  return total;
}

/** Names `count` items `prefix0`, `prefix1`, … for files that store no cell ids or gene names. */
export function syntheticNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

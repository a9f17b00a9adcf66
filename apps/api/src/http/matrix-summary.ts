import type { Histogram, LabelColumnSummary, QualityControl } from '@scsamac/db';
import { labelClassCount, readMatrix, type CountMatrix } from '@scsamac/io';

/** What validating an uploaded matrix tells the API: the facts stored on the upload (and later the dataset). */
export interface ValidatedMatrix {
  format: string;
  cells: number;
  genes: number;
  nonZeros: number;
  labelColumns: LabelColumnSummary[];
  qualityControl: QualityControl;
}

/** Equal-width histogram of `values` with `bins` bins between their minimum and maximum. */
export function histogram(values: Float64Array, bins = 30): Histogram {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (values.length === 0) return { edges: [0, 1], counts: [0] };
  if (max === min) max = min + 1;
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const value of values) counts[Math.min(bins - 1, Math.floor((value - min) / width))]! += 1;
  const edges = Array.from({ length: bins + 1 }, (_, index) => min + index * width);
  return { edges, counts };
}

/** Per-cell totals and detected genes of a CSR count matrix, as histograms. */
export function qualityControlOf(matrix: Pick<CountMatrix, 'rows' | 'indptr' | 'data'>): QualityControl {
  const totals = new Float64Array(matrix.rows);
  const detected = new Float64Array(matrix.rows);
  for (let row = 0; row < matrix.rows; row++) {
    let total = 0;
    let genes = 0;
    for (let index = matrix.indptr[row]!; index < matrix.indptr[row + 1]!; index++) {
      total += matrix.data[index]!;
      if (matrix.data[index]! !== 0) genes += 1;
    }
    totals[row] = total;
    detected[row] = genes;
  }
  return { countsPerCell: histogram(totals), genesPerCell: histogram(detected) };
}

/**
 * Reads a stored upload with `@scsamac/io` (which rejects anything that is not a count matrix, with a message meant
 * for users) and summarises it. `path` is a local copy of the file.
 */
export async function validateMatrix(path: string, maxBytes: number): Promise<ValidatedMatrix> {
  const matrix = await readMatrix(path, { maxBytes });
  return {
    format: matrix.provenance.format,
    cells: matrix.rows,
    genes: matrix.cols,
    nonZeros: matrix.indptr[matrix.rows] ?? matrix.data.length,
    labelColumns: matrix.labels.map((column) => ({ name: column.name, classes: labelClassCount(column) })),
    qualityControl: qualityControlOf(matrix),
  };
}

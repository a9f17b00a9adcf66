/**
 * Guessing which axis of a text table holds the cells, from the names on each axis. Cell ids are barcodes
 * (`AAACCTGAGAAGGCCT-1`), run accessions, or names with `cell` in them; gene names are symbols or Ensembl ids.
 */
import type { Orientation } from './count-matrix.js';

const CELL_LIKE = [
  /[ACGTN]{8,}/,
  /cell/i,
  /barcode/i,
  /^(SRR|ERR|DRR|GSM|SRX)\d+/,
  /^[A-Za-z]+\d*_[A-Za-z0-9]+[._][A-Za-z0-9._]*\d{2,}$/,
];
const GENE_LIKE = [/^ENS[A-Z]*G\d{5,}(\.\d+)?$/, /^[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*$/];

const GENE_INDEX = /^(genes?|gene_?(ids?|names?|symbols?)|symbols?|features?|ensembl(_?ids?)?)$/i;
const CELL_INDEX = /^(cells?|cell_?(ids?|names?|barcodes?)|barcodes?|obs_?names?)$/i;

function sample(names: readonly string[], size = 500): string[] {
  if (names.length <= size) return [...names];
  const step = names.length / size;
  return Array.from({ length: size }, (_, i) => names[Math.floor(i * step)]!);
}

/** Fraction of names that look like cell ids minus the fraction that look like gene names, in [-1, 1]. */
export function cellLikeness(names: readonly string[]): number {
  const picked = sample(names).filter((name) => name !== '');
  if (picked.length === 0) return 0;
  let score = 0;
  for (const name of picked) {
    if (CELL_LIKE.some((pattern) => pattern.test(name))) score++;
    else if (!/^\d+$/.test(name) && GENE_LIKE.some((pattern) => pattern.test(name))) score--;
  }
  return score / picked.length;
}

/** The detected orientation of a table and why. */
export interface OrientationGuess {
  orientation: Orientation;
  reason: string;
}

/**
 * Trusts a telling name of the row-name column (`gene`, `cell`, `barcode`), else picks the axis whose names look
 * more like cell ids. When the names say nothing (both axes numbered, say), the
 * default is cells x genes, the layout scanpy and GEO's per-cell tables use.
 */
export function guessOrientation(
  rowNames: readonly string[],
  columnNames: readonly string[],
  indexName = '',
): OrientationGuess {
  // The header of the row-name column often says what the rows are.
  if (GENE_INDEX.test(indexName.trim())) {
    return { orientation: 'genes-x-cells', reason: `the row-name column is called "${indexName.trim()}"` };
  }
  if (CELL_INDEX.test(indexName.trim())) {
    return { orientation: 'cells-x-genes', reason: `the row-name column is called "${indexName.trim()}"` };
  }
  const rows = cellLikeness(rowNames);
  const columns = cellLikeness(columnNames);
  if (columns - rows > 0.2) {
    return {
      orientation: 'genes-x-cells',
      reason: 'the header names look like cell ids and the row names like genes',
    };
  }
  if (rows - columns > 0.2) {
    return {
      orientation: 'cells-x-genes',
      reason: 'the row names look like cell ids and the header names like genes',
    };
  }
  return { orientation: 'cells-x-genes', reason: 'names did not tell; assumed the default, cells x genes' };
}

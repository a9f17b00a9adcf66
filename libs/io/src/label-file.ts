/**
 * Separate label files: CSV/TSV (plain or gzip) with a cell id column and one or more label columns, or a single
 * column of labels in cell order. An optional header row names the columns.
 */
import { stat } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { byteChunks, wrappingOf } from './byte-source.js';
import type { LabelColumn } from './count-matrix.js';
import { detectDelimiter, splitFields } from './delimited-table.js';
import { InputError } from './input-error.js';

/** Label files are small; refuse anything bigger than this so a wrong path cannot exhaust memory. */
const MAX_LABEL_FILE_BYTES = 512 * 1024 ** 2;
const HEADER_WORDS =
  /^(cell|cells|cell_?ids?|cell_?names?|barcodes?|index|ids?|obs_?names?|names?|samples?)$/i;

async function readRows(path: string): Promise<string[][]> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new InputError(path, 'not-found', 'label file does not exist');
  }
  if (size > MAX_LABEL_FILE_BYTES)
    throw new InputError(path, 'too-large', `label file is ${size} bytes, too large`);
  const handle = await open(path, 'r');
  const head = new Uint8Array(4);
  await handle.read(head, 0, 4, 0);
  await handle.close();
  const wrapping = wrappingOf(head);
  if (wrapping === 'zip')
    throw new InputError(path, 'unsupported-layout', 'label files must be plain or gzip text');
  const parts: Uint8Array[] = [];
  for await (const chunk of byteChunks(path, wrapping)) parts.push(chunk);
  const text = new TextDecoder().decode(Buffer.concat(parts)).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new InputError(path, 'empty', 'label file is empty');
  const delimiter = detectDelimiter(lines[0]!);
  return lines.map((line) => splitFields(line, delimiter).map((field) => field.trim()));
}

function columnsFrom(
  rows: string[][],
  header: string[] | undefined,
  firstLabel: number,
  path: string,
): LabelColumn[] {
  const width = rows[0]?.length ?? header?.length ?? 0;
  const columns: LabelColumn[] = [];
  for (let c = firstLabel; c < width; c++) {
    columns.push({ name: header?.[c] || (width - firstLabel === 1 ? 'label' : `label_${c}`), values: [] });
  }
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw new InputError(
        path,
        'corrupt',
        `label file row ${i + 1} has ${row.length} fields, expected ${width}`,
      );
    }
    for (let c = firstLabel; c < width; c++) columns[c - firstLabel]!.values.push(row[c]!);
  });
  return columns;
}

/**
 * Reads a label file. With `cellIds`, returns its label columns in the order of `cellIds`: rows are matched by the
 * first column when it holds those ids, else taken in order (a one-column file, or ids the matrix lacks). Throws
 * `labels-length` when the file has a different number of cells, `labels-missing` when some cells have no label.
 * Without `cellIds`, returns the columns in file order. `requireIds` refuses files that do not list the cell ids.
 */
export async function readLabelFile(
  path: string,
  cellIds?: readonly string[],
  options: { requireIds?: boolean } = {},
): Promise<LabelColumn[]> {
  const rows = await readRows(path);
  const width = rows[0]!.length;
  if (!cellIds) {
    const hasHeader = width > 1 ? rows[0]![0] === '' || HEADER_WORDS.test(rows[0]![0]!) : false;
    const header = hasHeader ? rows[0] : undefined;
    return columnsFrom(hasHeader ? rows.slice(1) : rows, header, width > 1 ? 1 : 0, path);
  }
  const known = new Set(cellIds);
  const firstIsId = width > 1 && known.has(rows[0]![0]!);
  const matched = width > 1 ? rows.filter((row) => known.has(row[0]!)).length : 0;
  if (width > 1 && matched > 0) {
    const hasHeader = !firstIsId;
    const header = hasHeader ? rows[0] : undefined;
    const body = hasHeader ? rows.slice(1) : rows;
    if (body.length !== cellIds.length) {
      throw new InputError(
        path,
        'labels-length',
        `label file has ${body.length} rows but the matrix has ${cellIds.length} cells`,
      );
    }
    const byId = new Map(body.map((row) => [row[0]!, row]));
    const missing = cellIds.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new InputError(
        path,
        'labels-missing',
        `label file has no row for ${missing.length} cell(s) of the matrix (first: ${missing[0]})`,
      );
    }
    return columnsFrom(
      cellIds.map((id) => byId.get(id)!),
      header,
      1,
      path,
    );
  }
  if (options.requireIds) {
    throw new InputError(
      path,
      'labels-missing',
      'label file does not list the cell ids of the matrix in its first column',
    );
  }
  // No ids to match: labels are in cell order, after an optional header row.
  const hasHeader = rows.length === cellIds.length + 1;
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length !== cellIds.length) {
    throw new InputError(
      path,
      'labels-length',
      `label file has ${body.length} labels but the matrix has ${cellIds.length} cells`,
    );
  }
  return columnsFrom(body, hasHeader ? rows[0] : undefined, width > 1 ? 1 : 0, path);
}

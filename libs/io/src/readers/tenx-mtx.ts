import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { byteChunks, wrappingOf } from '../byte-source.js';
import { CountCheck } from '../count-check.js';
import type { LabelColumn } from '../count-matrix.js';
import { keepColumns, sortRowsInPlace, type CsrArrays } from '../csr-builder.js';
import { InputError } from '../input-error.js';
import { readLabelFile } from '../label-file.js';
import type { FileProbe, LoadedMatrix, MatrixReader, MatrixSummary } from './reader.js';

const MATRIX_NAME = /^(.*?)matrix\.mtx(\.gz)?$/;
const decoder = new TextDecoder();

/** The files of one MTX matrix: the matrix, its barcodes and its features (or genes), plus any other tables. */
interface MtxFiles {
  folder: string;
  matrix: string;
  barcodes: string;
  features: string;
  /** Other CSV/TSV files in the folder: candidate label files. */
  extras: string[];
}

function findFiles(probe: FileProbe): MtxFiles | undefined {
  const folder = probe.isDirectory ? probe.path : dirname(probe.path);
  const matrices = probe.isDirectory
    ? probe.entries.filter((name) => MATRIX_NAME.test(name))
    : [basename(probe.path)].filter((name) => MATRIX_NAME.test(name));
  if (matrices.length !== 1) return undefined;
  const prefix = MATRIX_NAME.exec(matrices[0]!)![1]!;
  const pick = (...stems: string[]) =>
    stems
      .flatMap((stem) => [`${prefix}${stem}`, `${prefix}${stem}.gz`])
      .find((name) => probe.entries.includes(name));
  const barcodes = pick('barcodes.tsv', 'barcodes.csv');
  const features = pick('features.tsv', 'genes.tsv', 'features.csv', 'genes.csv');
  if (!barcodes || !features) return undefined;
  const used = new Set([matrices[0]!, barcodes, features]);
  const extras = probe.entries.filter((name) => !used.has(name) && /\.(csv|tsv|txt)(\.gz)?$/i.test(name));
  return {
    folder,
    matrix: join(folder, matrices[0]!),
    barcodes: join(folder, barcodes),
    features: join(folder, features),
    extras: extras.map((name) => join(folder, name)),
  };
}

async function wrappingOfFile(path: string) {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(4);
    await handle.read(head, 0, 4, 0);
    return wrappingOf(head);
  } finally {
    await handle.close();
  }
}

/** Reads a small TSV (barcodes, features) as rows of fields. */
async function readTsv(path: string): Promise<string[][]> {
  const parts: Uint8Array[] = [];
  for await (const chunk of byteChunks(path, await wrappingOfFile(path))) parts.push(chunk);
  return decoder
    .decode(Buffer.concat(parts))
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(line.includes('\t') ? '\t' : ','));
}

/** The MatrixMarket banner and size line. */
interface MtxHeader {
  field: 'integer' | 'real' | 'pattern';
  rows: number;
  cols: number;
  entries: number;
}

/**
 * Streams a coordinate MatrixMarket file into COO arrays, then sorts them into CSR over the file's columns (cells).
 * Memory is three arrays of the number of entries.
 */
async function readMtx(path: string): Promise<{ header: MtxHeader; matrix: CsrArrays; check: CountCheck }> {
  let header: MtxHeader | undefined;
  let banner = false;
  let count = 0;
  let rowIndex = new Int32Array(0);
  let colIndex = new Int32Array(0);
  let values = new Float32Array(0);
  let lineNumber = 0;
  const check = new CountCheck();

  const addEntry = (row: number, col: number, value: number) => {
    if (count >= header!.entries)
      throw new InputError(path, 'corrupt', `holds more than the ${header!.entries} entries it declares`);
    if (count === rowIndex.length) {
      const size = Math.min(header!.entries, rowIndex.length * 2 + 1024);
      const grow = <T extends Int32Array | Float32Array>(array: T, make: (n: number) => T) => {
        const bigger = make(size);
        bigger.set(array);
        return bigger;
      };
      rowIndex = grow(rowIndex, (n) => new Int32Array(n));
      colIndex = grow(colIndex, (n) => new Int32Array(n));
      values = grow(values, (n) => new Float32Array(n));
    }
    check.check(value, row, col);
    rowIndex[count] = row;
    colIndex[count] = col;
    values[count] = value;
    count++;
  };

  const handleLine = (line: string) => {
    lineNumber++;
    if (!banner) {
      const match = /^%%MatrixMarket\s+matrix\s+(\w+)\s+(\w+)\s+(\w+)/i.exec(line);
      if (!match) throw new InputError(path, 'corrupt', 'does not start with a %%MatrixMarket banner');
      const [, layout, field] = match;
      if (layout!.toLowerCase() !== 'coordinate') {
        throw new InputError(
          path,
          'unsupported-layout',
          `is a dense (${layout}) MatrixMarket file; only coordinate is read`,
        );
      }
      if (!['integer', 'real', 'pattern'].includes(field!.toLowerCase())) {
        throw new InputError(
          path,
          'unsupported-layout',
          `has MatrixMarket field type ${field}; expected integer, real or pattern`,
        );
      }
      banner = true;
      header = { field: field!.toLowerCase() as MtxHeader['field'], rows: 0, cols: 0, entries: -1 };
      return;
    }
    if (line.startsWith('%') || line.trim() === '') return;
    const parts = line.trim().split(/\s+/);
    if (header!.entries < 0) {
      const [rows, cols, entries] = parts.map(Number);
      if (parts.length !== 3 || ![rows, cols, entries].every((n) => Number.isInteger(n) && n! >= 0)) {
        throw new InputError(
          path,
          'corrupt',
          `line ${lineNumber}: expected "rows cols entries", got "${line.slice(0, 60)}"`,
        );
      }
      header = { ...header!, rows: rows!, cols: cols!, entries: entries! };
      // Never trust the declared size for more than a first allocation.
      const initial = Math.min(entries!, 1 << 22);
      rowIndex = new Int32Array(initial);
      colIndex = new Int32Array(initial);
      values = new Float32Array(initial);
      return;
    }
    const row = Number(parts[0]) - 1;
    const col = Number(parts[1]) - 1;
    const value = header!.field === 'pattern' ? 1 : Number(parts[2]);
    if (
      parts.length < (header!.field === 'pattern' ? 2 : 3) ||
      !(row >= 0 && row < header!.rows && col >= 0 && col < header!.cols) ||
      (parts[2] === undefined && header!.field !== 'pattern')
    ) {
      throw new InputError(path, 'corrupt', `line ${lineNumber}: bad entry "${line.slice(0, 60)}"`);
    }
    addEntry(row, col, value);
  };

  /**
   * Data lines of integer entries ("row col value") are parsed from the bytes; anything else (header, comments,
   * real values, odd spacing) goes through `handleLine`.
   */
  const fastLine = (bytes: Uint8Array, start: number, end: number): boolean => {
    if (!header || header.entries < 0) return false;
    let position = start;
    const numbers = [0, 0, 0];
    const wanted = header.field === 'pattern' ? 2 : 3;
    for (let n = 0; n < wanted; n++) {
      while (position < end && (bytes[position] === 0x20 || bytes[position] === 0x09)) position++;
      const first = position;
      let value = 0;
      while (position < end) {
        const digit = bytes[position]! - 0x30;
        if (digit < 0 || digit > 9) break;
        value = value * 10 + digit;
        position++;
      }
      if (position === first || position - first > 15) return false;
      numbers[n] = value;
    }
    while (
      position < end &&
      (bytes[position] === 0x20 || bytes[position] === 0x09 || bytes[position] === 0x0d)
    )
      position++;
    if (position !== end) return false;
    lineNumber++;
    const row = numbers[0]! - 1;
    const col = numbers[1]! - 1;
    if (!(row >= 0 && row < header.rows && col >= 0 && col < header.cols)) return false;
    addEntry(row, col, wanted === 2 ? 1 : numbers[2]!);
    return true;
  };
  const slowLine = (bytes: Uint8Array, start: number, end: number) => {
    const line = decoder.decode(bytes.subarray(start, end));
    handleLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  };

  let carry: Uint8Array | undefined;
  for await (const chunk of byteChunks(path, await wrappingOfFile(path))) {
    const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(0x0a, start);
      if (newline < 0) break;
      if (!fastLine(bytes, start, newline)) slowLine(bytes, start, newline);
      start = newline + 1;
    }
    if (start < bytes.length) carry = bytes.slice(start);
  }
  if (carry && decoder.decode(carry).trim() !== '') {
    if (!fastLine(carry, 0, carry.length)) slowLine(carry, 0, carry.length);
  }
  if (!header || header.entries < 0) throw new InputError(path, 'corrupt', 'has no MatrixMarket size line');
  if (count !== header.entries) {
    throw new InputError(
      path,
      'corrupt',
      `declares ${header.entries} entries but holds ${count} (truncated file?)`,
    );
  }
  // CSR over the file's columns (cells): count per column, then place.
  const indptr = new Int32Array(header.cols + 1);
  for (let k = 0; k < count; k++) indptr[colIndex[k]! + 1]!++;
  for (let c = 0; c < header.cols; c++) indptr[c + 1]! += indptr[c]!;
  const next = indptr.slice(0, header.cols);
  const indices = new Int32Array(count);
  const data = new Float32Array(count);
  let zeros = 0;
  for (let k = 0; k < count; k++) {
    const slot = next[colIndex[k]!]!++;
    indices[slot] = rowIndex[k]!;
    data[slot] = values[k]!;
    if (values[k] === 0) zeros++;
  }
  const matrix: CsrArrays = { rows: header.cols, cols: header.rows, indptr, indices, data };
  sortRowsInPlace(matrix);
  if (zeros > 0) compactZeros(matrix);
  return { header, matrix, check };
}

function compactZeros(matrix: CsrArrays): void {
  let write = 0;
  let start = 0;
  for (let r = 0; r < matrix.rows; r++) {
    const end = matrix.indptr[r + 1]!;
    for (let k = start; k < end; k++) {
      if (matrix.data[k] === 0) continue;
      matrix.indices[write] = matrix.indices[k]!;
      matrix.data[write] = matrix.data[k]!;
      write++;
    }
    start = end;
    matrix.indptr[r + 1] = write;
  }
  matrix.indices = matrix.indices.slice(0, write);
  matrix.data = matrix.data.slice(0, write);
}

/**
 * A Cell Ranger MTX folder: `matrix.mtx[.gz]` (genes x cells, 1-based coordinates), `barcodes.tsv[.gz]` and
 * `features.tsv[.gz]` or `genes.tsv[.gz]`, with an optional shared prefix (GEO's `GSMxxx_`). Other CSV/TSV files in the
 * folder whose first column holds the barcodes are read as label files.
 */
export class TenxMtxReader implements MatrixReader {
  readonly format = '10x-mtx' as const;
  readonly description =
    'MTX folder: matrix.mtx[.gz], barcodes.tsv[.gz], features.tsv[.gz] or genes.tsv[.gz]';

  detect(probe: FileProbe): boolean {
    if (findFiles(probe) !== undefined) return true;
    return !probe.isDirectory && decoder.decode(probe.head.subarray(0, 14)) === '%%MatrixMarket';
  }

  async summary(probe: FileProbe): Promise<MatrixSummary> {
    const files = this.files(probe);
    const barcodes = await readTsv(files.barcodes);
    const features = await readTsv(files.features);
    const labelColumns: string[] = [];
    const ids = barcodes.map((row) => row[0]!.trim());
    for (const extra of files.extras) {
      try {
        labelColumns.push(
          ...(await readLabelFile(extra, ids, { requireIds: true })).map((column) => column.name),
        );
      } catch {
        // Not a label file for these cells; load() notes it.
      }
    }
    return {
      format: this.format,
      cells: barcodes.length,
      genes: features.length,
      labelColumns,
      orientation: 'genes-x-cells',
      matrixPath: basename(files.matrix),
    };
  }

  async load(probe: FileProbe): Promise<LoadedMatrix> {
    const files = this.files(probe);
    const { header, matrix: stored, check } = await readMtx(files.matrix);
    check.throwIfBad(files.matrix, 'the matrix');
    const barcodes = (await readTsv(files.barcodes)).map((row) => row[0]!.trim());
    const features = await readTsv(files.features);
    if (barcodes.length !== header.cols || features.length !== header.rows) {
      throw new InputError(
        probe.path,
        'corrupt',
        `matrix is ${header.rows} genes x ${header.cols} cells but there are ${features.length} features and ${barcodes.length} barcodes`,
      );
    }
    let matrix = stored;
    let geneNames = features.map((row) => (row[1] ?? row[0]!).trim());
    const notes: string[] = [];
    const types = features.map((row) => row[2]?.trim());
    const distinct = [...new Set(types)];
    if (distinct.length > 1 && distinct.includes('Gene Expression')) {
      const keep = types.map((type) => type === 'Gene Expression');
      matrix = keepColumns(stored, keep);
      geneNames = geneNames.filter((_, i) => keep[i]);
      notes.push(`kept the ${matrix.cols} Gene Expression features`);
    }
    const labels: LabelColumn[] = [];
    for (const extra of files.extras) {
      try {
        labels.push(...(await readLabelFile(extra, barcodes, { requireIds: true })));
        notes.push(`labels from ${basename(extra)}`);
      } catch (error) {
        notes.push(`${basename(extra)} is not a label file for these cells (${(error as Error).message})`);
      }
    }
    return {
      ...matrix,
      cellIds: barcodes,
      geneNames,
      labels,
      provenance: {
        orientation: 'genes-x-cells',
        orientationDetected: false,
        matrixPath: basename(files.matrix),
        notes,
      },
    };
  }

  private files(probe: FileProbe): MtxFiles {
    const files = findFiles(probe);
    if (!files) {
      throw new InputError(
        probe.path,
        'unsupported-layout',
        'is not an MTX folder (expected one matrix.mtx[.gz] with barcodes.tsv[.gz] and features.tsv[.gz] or genes.tsv[.gz])',
      );
    }
    return files;
  }
}

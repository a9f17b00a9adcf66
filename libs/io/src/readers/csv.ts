import { basename } from 'node:path';
import { byteChunks, zipTableMember } from '../byte-source.js';
import type { LabelColumn, Orientation } from '../count-matrix.js';
import { transposeCsr, type CsrArrays } from '../csr-builder.js';
import { DelimitedTableParser, detectDelimiter, splitFields } from '../delimited-table.js';
import { InputError } from '../input-error.js';
import { guessOrientation } from '../orientation.js';
import type { ResolvedReadOptions } from '../read-options.js';
import type { FileProbe, LoadedMatrix, MatrixReader, MatrixSummary } from './reader.js';

const decoder = new TextDecoder();

/** Whether bytes look like a delimited text table: printable text whose first line has commas or tabs. */
function looksLikeTable(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head.subarray(0, 4096)) if (byte < 9 || (byte > 13 && byte < 32)) control++;
  if (control > 0) return false;
  const firstLine = decoder.decode(head).split('\n')[0]!;
  return firstLine.includes(',') || firstLine.includes('\t');
}

/** Moves text columns whose values are nearly all distinct (ids, barcodes) behind the real label columns. */
function orderLabelColumns(columns: LabelColumn[], rows: number): LabelColumn[] {
  const idLike = (column: LabelColumn) => new Set(column.values).size > rows / 2;
  return [...columns.filter((c) => !idLike(c)), ...columns.filter(idLike)];
}

/**
 * CSV or TSV count tables, plain, gzip or as the single table inside a zip (as GEO serves them). Either orientation:
 * rows are cells and columns genes, or the reverse (`orientation` option, detected from the names by default). In
 * cells x genes tables, text columns after the row names (e.g. `assigned_cluster`) become label columns.
 */
export class CsvReader implements MatrixReader {
  readonly format = 'csv' as const;
  readonly description = 'CSV/TSV (plain, gzip, or one table in a zip), cells x genes or genes x cells';

  detect(probe: FileProbe): boolean {
    if (probe.isDirectory || probe.hdf5) return false;
    return probe.wrapping === 'zip' || looksLikeTable(probe.head);
  }

  async summary(probe: FileProbe, options: ResolvedReadOptions): Promise<MatrixSummary> {
    // A cheap pass: the header, the first row and the number of lines.
    let header: string[] | undefined;
    let first: string[] | undefined;
    let lines = 0;
    let delimiter = ',';
    let carry = '';
    const member = probe.wrapping === 'zip' ? await zipTableMember(probe.path) : undefined;
    for await (const chunk of byteChunks(probe.path, probe.wrapping, member)) {
      const text = carry + decoder.decode(chunk, { stream: true });
      const parts = text.split('\n');
      carry = parts.pop()!;
      for (const line of parts) {
        if (line.trim() === '') continue;
        lines++;
        if (!header) {
          delimiter = detectDelimiter(line);
          header = splitFields(line.replace(/\r$/, ''), delimiter);
        } else if (!first) first = splitFields(line.replace(/\r$/, ''), delimiter);
      }
    }
    if (carry.trim() !== '') lines++;
    if (!header) throw new InputError(probe.path, 'empty', 'is an empty table');
    const row = first ?? header;
    const shift = header.length === row.length - 1 ? 1 : 0;
    let leading = 0;
    while (
      leading + 1 < row.length &&
      (row[leading + 1]!.trim() === '' || Number.isNaN(Number(row[leading + 1])))
    )
      leading++;
    const columnNames = header.slice(1 + leading - shift);
    const dataRows = Math.max(0, lines - 1);
    const columns = row.length - 1 - leading;
    const orientation: Orientation =
      options.orientation === 'auto'
        ? guessOrientation(first ? [first[0]!] : [], columnNames, shift === 0 ? header[0] : '').orientation
        : options.orientation;
    const labelColumns = orientation === 'cells-x-genes' ? header.slice(1 - shift, 1 + leading - shift) : [];
    return {
      format: this.format,
      cells: orientation === 'cells-x-genes' ? dataRows : columns,
      genes: orientation === 'cells-x-genes' ? columns : dataRows,
      labelColumns,
      orientation,
      matrixPath: member ?? basename(probe.path),
    };
  }

  async load(probe: FileProbe, options: ResolvedReadOptions): Promise<LoadedMatrix> {
    const member = probe.wrapping === 'zip' ? await zipTableMember(probe.path) : undefined;
    const forced = options.labels && !options.labels.includes('/') ? options.labels : undefined;
    const parser = new DelimitedTableParser(probe.path, forced);
    for await (const chunk of byteChunks(probe.path, probe.wrapping, member)) parser.push(chunk);
    const table = parser.finish();
    table.check.throwIfBad(probe.path, 'the table');
    const notes: string[] = [];
    let orientation: Orientation;
    let detected = false;
    if (options.orientation === 'auto') {
      const guess = guessOrientation(table.rowNames, table.columnNames, table.indexName);
      orientation = guess.orientation;
      detected = true;
      notes.push(`orientation ${orientation} detected: ${guess.reason}`);
    } else {
      orientation = options.orientation;
    }
    let matrix: CsrArrays = table.matrix;
    let cellIds = table.rowNames;
    let geneNames = table.columnNames;
    let labels: LabelColumn[] = [];
    if (orientation === 'genes-x-cells') {
      matrix = transposeCsr(matrix);
      cellIds = table.columnNames;
      geneNames = table.rowNames;
      if (table.annotations.length > 0) {
        notes.push(
          `ignored text columns ${table.annotations.map((a) => a.name).join(', ')} (per-gene in this orientation)`,
        );
      }
    } else {
      labels = orderLabelColumns(table.annotations, matrix.rows);
    }
    return {
      ...matrix,
      cellIds,
      geneNames,
      labels,
      provenance: {
        orientation,
        orientationDetected: detected,
        matrixPath: member ?? basename(probe.path),
        notes,
      },
    };
  }
}

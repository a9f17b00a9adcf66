/**
 * A streaming parser for count tables in CSV/TSV: the header row names the columns, the first column names the rows,
 * leading text columns (and a column asked for by name) are kept as per-row annotations, and every other field is a
 * count that goes straight into a sparse row builder.
 */
import { CountCheck } from './count-check.js';
import { CsrBuilder, type CsrArrays } from './csr-builder.js';
import { InputError } from './input-error.js';

/** A parsed table: counts by table row, plus names and text columns. */
export interface ParsedTable {
  matrix: CsrArrays;
  check: CountCheck;
  rowNames: string[];
  columnNames: string[];
  /** Header of the row-name column ('' when absent). */
  indexName: string;
  /** Text columns other than the row names, by header name, one value per table row. */
  annotations: { name: string; values: string[] }[];
  delimiter: string;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const QUOTE = 0x22;
const decoder = new TextDecoder();

/** Splits one line into fields, honouring double quotes (doubled quotes inside a quoted field are one quote). */
export function splitFields(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** Tab when the header line has more tabs than commas, else comma. */
export function detectDelimiter(headerLine: string): string {
  const tabs = headerLine.split('\t').length;
  const commas = headerLine.split(',').length;
  return tabs > commas ? '\t' : ',';
}

function isNumberText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && !Number.isNaN(Number(trimmed));
}

/** Push-based parser; feed it chunks of bytes, then call `finish`. */
export class DelimitedTableParser {
  private carry: Uint8Array | undefined;
  private lineNumber = 0;
  private header: string[] | undefined;
  private delimiter = ',';
  private delimiterByte = 0x2c;
  private fieldCount = 0;
  /** Per field index: true for text columns (row name and annotations). */
  private textColumn: boolean[] = [];
  private readonly rowNames: string[] = [];
  private annotationColumns: number[] = [];
  private readonly annotationValues: string[][] = [];
  private columnNames: string[] = [];
  private readonly check = new CountCheck();
  private readonly builder = new CsrBuilder(this.check);
  /** Header has one field fewer than the rows (R's write.csv without a row-name header). */
  private headerShift = 0;

  constructor(
    private readonly file: string,
    private readonly forcedTextColumn?: string,
  ) {}

  push(chunk: Uint8Array): void {
    let start = 0;
    let bytes = chunk;
    if (this.carry) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      this.line(concat(this.carry, chunk.subarray(0, newline)));
      this.carry = undefined;
      start = newline + 1;
    }
    bytes = chunk;
    for (;;) {
      const newline = bytes.indexOf(NEWLINE, start);
      if (newline < 0) break;
      this.line(bytes.subarray(start, newline));
      start = newline + 1;
    }
    if (start < bytes.length) this.carry = bytes.slice(start);
  }

  finish(): ParsedTable {
    if (this.carry && this.carry.length > 0) this.line(this.carry);
    this.carry = undefined;
    if (!this.header) throw new InputError(this.file, 'empty', 'is an empty table (no header row)');
    const annotations = this.annotationColumns.map((column, i) => ({
      name: this.header![column - this.headerShift] || `column_${column + 1}`,
      values: this.annotationValues[i]!,
    }));
    return {
      matrix: this.builder.finish(this.columnNames.length),
      check: this.check,
      rowNames: this.rowNames,
      columnNames: this.columnNames,
      indexName: this.headerShift === 0 ? (this.header[0] ?? '') : '',
      annotations,
      delimiter: this.delimiter,
    };
  }

  private line(raw: Uint8Array): void {
    this.lineNumber++;
    let end = raw.length;
    if (end > 0 && raw[end - 1] === CARRIAGE_RETURN) end--;
    if (end === 0) return; // blank lines (a trailing newline, spacing) carry nothing
    const bytes = raw.subarray(0, end);
    if (!this.header) {
      const text = decoder.decode(bytes).replace(/^\uFEFF/, '');
      this.delimiter = detectDelimiter(text);
      this.delimiterByte = this.delimiter.charCodeAt(0);
      this.header = splitFields(text, this.delimiter).map((field) => field.trim());
      return;
    }
    if (this.fieldCount === 0) this.firstDataLine(bytes);
    this.dataLine(bytes);
  }

  /** Decides from the first data row which columns hold text, and how the header lines up with the rows. */
  private firstDataLine(bytes: Uint8Array): void {
    const fields = splitFields(decoder.decode(bytes), this.delimiter);
    const header = this.header!;
    this.fieldCount = fields.length;
    if (header.length === fields.length - 1) this.headerShift = 1;
    else if (header.length !== fields.length) {
      throw new InputError(
        this.file,
        'corrupt',
        `line 2 has ${fields.length} fields but the header has ${header.length}; the table is not rectangular`,
      );
    }
    const forced =
      this.forcedTextColumn === undefined ? -1 : header.indexOf(this.forcedTextColumn) + this.headerShift;
    // The row names, then every leading text column, are annotations; numbers start the counts.
    this.textColumn = fields.map((_, i) => i === 0 || i === forced);
    for (let i = 1; i < fields.length && !isNumberText(fields[i]!); i++) this.textColumn[i] = true;
    for (let i = 1; i < fields.length; i++) {
      if (this.textColumn[i]) this.annotationColumns.push(i);
      else this.columnNames.push(header[i - this.headerShift] ?? `column_${i + 1}`);
    }
    for (let i = 0; i < this.annotationColumns.length; i++) this.annotationValues.push([]);
  }

  private dataLine(bytes: Uint8Array): void {
    const quoted = bytes.includes(QUOTE);
    const fields = quoted ? splitFields(decoder.decode(bytes), this.delimiter) : undefined;
    let field = 0;
    let column = 0;
    let annotation = 0;
    let start = 0;
    const length = bytes.length;
    const delimiter = this.delimiterByte;
    for (let position = 0; position <= length; position++) {
      if (position < length && bytes[position] !== delimiter) continue;
      if (field >= this.fieldCount) {
        field++;
        start = position + 1;
        continue;
      }
      if (this.textColumn[field]) {
        const text = fields ? fields[field]! : decoder.decode(bytes.subarray(start, position));
        if (field === 0) this.rowNames.push(text.trim());
        else this.annotationValues[annotation++]!.push(text.trim());
      } else {
        const value = fields ? parseNumber(fields[field]!) : parseNumberBytes(bytes, start, position);
        if (value === undefined) {
          const text = fields ? fields[field]! : decoder.decode(bytes.subarray(start, position));
          throw new InputError(
            this.file,
            'corrupt',
            `line ${this.lineNumber}, column ${field + 1}: '${text.slice(0, 40)}' is not a number`,
          );
        }
        this.builder.push(column, value);
        column++;
      }
      field++;
      start = position + 1;
    }
    // Quoted fields may contain delimiters; trust the quote-aware split for the count.
    const count = fields ? fields.length : field;
    if (count !== this.fieldCount) {
      throw new InputError(
        this.file,
        'corrupt',
        `line ${this.lineNumber} has ${count} fields, expected ${this.fieldCount} (truncated or damaged table)`,
      );
    }
    this.builder.endRow();
  }
}

/** Parses a count field; empty, NA and NaN become NaN (reported as missing values), junk gives undefined. */
function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || /^(na|nan)$/i.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  return Number.isNaN(value) ? undefined : value;
}

/** Fast path for plain digit strings, the bulk of any count table; anything else goes through `parseNumber`. */
function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (end - start === 1) {
    const digit = bytes[start]! - 0x30;
    if (digit >= 0 && digit <= 9) return digit;
  }
  let value = 0;
  let position = start;
  for (; position < end; position++) {
    const digit = bytes[position]! - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  if (position === end && end > start && end - start < 16) return value;
  return parseNumber(decoder.decode(bytes.subarray(start, end)));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ZodError } from 'zod';
import { MATRIX_FORMATS, type CountMatrix, type LabelColumn, type MatrixFormat } from './count-matrix.js';
import { keysOf } from './hdf5.js';
import { asInputError, InputError } from './input-error.js';
import { readLabelFile } from './label-file.js';
import { filesOf, probeFile, sha256Of } from './probe-file.js';
import { readMatrixOptionsSchema, type ReadMatrixOptions, type ResolvedReadOptions } from './read-options.js';
import type { FileProbe, MatrixReader, MatrixSummary } from './readers/reader.js';
import { detectReader, readerFor } from './readers/registry.js';

function resolveOptions(path: string, options: ReadMatrixOptions): ResolvedReadOptions {
  try {
    return readMatrixOptionsSchema.parse(options);
  } catch (error) {
    const detail =
      error instanceof ZodError
        ? error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ')
        : String(error);
    throw new InputError(path, 'bad-option', `bad read options (${detail})`);
  }
}

function describeUnknown(probe: FileProbe): string {
  if (probe.hdf5) {
    const keys = keysOf(probe.hdf5);
    return (
      `is HDF5 but not a layout this reader knows (root holds: ${keys.slice(0, 12).join(', ') || 'nothing'}); ` +
      'expected a dense X (and Y) at the root, AnnData (X, obs, var) or Cell Ranger (matrix/ or a genome group)'
    );
  }
  if (probe.isDirectory)
    return 'is a folder without matrix.mtx[.gz], barcodes.tsv[.gz] and features.tsv[.gz]/genes.tsv[.gz]';
  if (probe.head.length === 0) return 'is empty';
  return `is not a recognised format (${MATRIX_FORMATS.join(', ')}): neither HDF5, MTX nor a CSV/TSV table`;
}

async function chooseReader(probe: FileProbe, format: MatrixFormat | undefined): Promise<MatrixReader> {
  if (format) return readerFor(format);
  const reader = detectReader(probe);
  if (!reader)
    throw new InputError(
      probe.path,
      probe.hdf5 ? 'unsupported-layout' : 'unknown-format',
      describeUnknown(probe),
    );
  return reader;
}

async function withProbe<T>(
  path: string,
  options: ResolvedReadOptions,
  use: (probe: FileProbe) => Promise<T>,
): Promise<T> {
  const { bytes } = await filesOf(path);
  if (bytes > options.maxBytes) {
    throw new InputError(path, 'too-large', `is ${bytes} bytes, over the limit of ${options.maxBytes} bytes`);
  }
  let probe: FileProbe | undefined;
  try {
    probe = await probeFile(path);
    return await use(probe);
  } catch (error) {
    throw asInputError(path, error);
  } finally {
    try {
      probe?.hdf5?.close();
    } catch {
      // A file that failed half-way may refuse to close; nothing more to release.
    }
  }
}

/** Cheap facts about a matrix file: format, shape and label column names, reading as little as the layout allows. */
export async function summarizeMatrix(path: string, options: ReadMatrixOptions = {}): Promise<MatrixSummary> {
  const resolved = resolveOptions(path, options);
  return withProbe(path, resolved, async (probe) =>
    (await chooseReader(probe, resolved.format)).summary(probe, resolved),
  );
}

/** The format `readMatrix` would use for a path, detected from its content; undefined when none fits. */
export async function detectFormat(path: string): Promise<MatrixFormat | undefined> {
  return withProbe(path, resolveOptions(path, {}), async (probe) => detectReader(probe)?.format);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Puts the asked-for label column (from the file, or from a label file) first. */
async function applyLabelOption(matrix: CountMatrix, labels: string | undefined): Promise<void> {
  if (!labels) return;
  if (await isFile(labels)) {
    const columns = await readLabelFile(resolve(labels), matrix.cellIds);
    const names = new Set(matrix.labels.map((column) => column.name));
    const renamed = columns.map((column) =>
      names.has(column.name) ? { ...column, name: `${column.name}_file` } : column,
    );
    matrix.labels = [...renamed, ...matrix.labels];
    matrix.provenance.notes.push(`labels from ${resolve(labels)}`);
    return;
  }
  const index = matrix.labels.findIndex((column) => column.name === labels);
  if (index < 0) {
    const available = matrix.labels.map((column) => column.name);
    throw new InputError(
      matrix.provenance.source,
      'labels-missing',
      `has no label column "${labels}" and no such label file exists (label columns: ${available.join(', ') || 'none'})`,
    );
  }
  const [column] = matrix.labels.splice(index, 1) as [LabelColumn];
  matrix.labels.unshift(column);
}

/** Checks what every reader's result must satisfy; readers check their own layout's details. */
function validate(matrix: CountMatrix): void {
  const file = matrix.provenance.source;
  if (matrix.rows === 0 || matrix.cols === 0 || matrix.data.length === 0) {
    throw new InputError(
      file,
      'empty',
      `holds an empty matrix (${matrix.rows} cells x ${matrix.cols} genes, ${matrix.data.length} non-zero counts)`,
    );
  }
  if (matrix.cellIds.length !== matrix.rows || matrix.geneNames.length !== matrix.cols) {
    throw new InputError(
      file,
      'corrupt',
      `has ${matrix.cellIds.length} cell ids and ${matrix.geneNames.length} gene names for a ${matrix.rows} x ${matrix.cols} matrix`,
    );
  }
  const seen = new Set<string>();
  for (const id of matrix.cellIds) {
    if (seen.has(id)) {
      const count = matrix.cellIds.length - new Set(matrix.cellIds).size;
      throw new InputError(
        file,
        'duplicate-cell-ids',
        `has ${count} duplicate cell id(s) (first: "${id}"); cell ids must be unique`,
      );
    }
    seen.add(id);
  }
  for (const column of matrix.labels) {
    if (column.values.length !== matrix.rows) {
      throw new InputError(
        file,
        'labels-length',
        `label column ${column.name} has ${column.values.length} values for ${matrix.rows} cells`,
      );
    }
  }
}

/**
 * Reads a count matrix from any supported file or MTX folder into one {@link CountMatrix} (CSR float32, cells x
 * genes). The format is detected from the content unless `options.format` says; `options.labels` names a label
 * column in the file or a label file, which becomes `labels[0]`. Every problem with the input is thrown as an
 * {@link InputError} whose message starts with the path.
 */
export async function readMatrix(path: string, options: ReadMatrixOptions = {}): Promise<CountMatrix> {
  const resolved = resolveOptions(path, options);
  const absolute = resolve(path);
  const { files, isDirectory, bytes } = await filesOf(absolute);
  const loaded = await withProbe(absolute, resolved, async (probe) => {
    const reader = await chooseReader(probe, resolved.format);
    return { format: reader.format, result: await reader.load(probe, resolved) };
  });
  const matrix: CountMatrix = {
    ...loaded.result,
    provenance: {
      format: loaded.format,
      ...loaded.result.provenance,
      source: absolute,
      sha256: await sha256Of(files, isDirectory),
      bytes,
    },
  };
  try {
    await applyLabelOption(matrix, resolved.labels);
  } catch (error) {
    throw asInputError(absolute, error);
  }
  validate(matrix);
  return matrix;
}

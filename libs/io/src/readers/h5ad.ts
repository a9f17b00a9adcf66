import type { LabelColumn } from '../count-matrix.js';
import {
  getDataset,
  getGroup,
  isNumeric,
  keysOf,
  numberArrayAttribute,
  readNumbers,
  readStrings,
  shapeOf,
  stringAttribute,
  type Group,
  type H5File,
} from '../hdf5.js';
import { readDenseMatrix, readSparseMatrix, type CheckedMatrix } from '../hdf5-matrix.js';
import { InputError } from '../input-error.js';
import type { FileProbe, LoadedMatrix, MatrixReader, MatrixSummary } from './reader.js';

/** Places a counts matrix may live in an AnnData file, in the order they are tried. */
const COUNT_MATRICES = [
  { path: 'X', varGroup: 'var' },
  { path: 'layers/counts', varGroup: 'var' },
  { path: 'raw/X', varGroup: 'raw/var' },
] as const;

function isH5ad(file: H5File): boolean {
  if (stringAttribute(file, 'encoding-type') === 'anndata') return true;
  const keys = keysOf(file);
  return keys.includes('X') && keys.includes('obs') && keys.includes('var');
}

/** Shape and kind of the matrix at `path` (dense dataset or CSR/CSC group), or undefined when absent. */
function matrixAt(
  path: string,
  file: H5File,
  source: string,
): { shape: [number, number]; kind: 'dense' | 'csr' | 'csc' } | undefined {
  const dataset = getDataset(file, path);
  if (dataset) {
    const shape = shapeOf(dataset);
    if (shape.length !== 2) throw new InputError(source, 'unsupported-layout', `${path} is not a 2-D matrix`);
    return { shape: shape as [number, number], kind: 'dense' };
  }
  const group = getGroup(file, path);
  if (!group) return undefined;
  const encoding = stringAttribute(group, 'encoding-type') ?? stringAttribute(group, 'h5sparse_format');
  const kind = encoding?.startsWith('csr') ? 'csr' : encoding?.startsWith('csc') ? 'csc' : undefined;
  const shape = numberArrayAttribute(group, 'shape') ?? numberArrayAttribute(group, 'h5sparse_shape');
  if (!kind || !shape || shape.length !== 2) {
    throw new InputError(
      source,
      'unsupported-layout',
      `${path} is a group without a csr_matrix/csc_matrix encoding-type and shape attribute (encoding: ${encoding ?? 'none'})`,
    );
  }
  return { shape: shape as [number, number], kind };
}

async function readMatrixAt(path: string, file: H5File, source: string): Promise<CheckedMatrix> {
  const found = matrixAt(path, file, source)!;
  if (found.kind === 'dense') return readDenseMatrix(source, getDataset(file, path)!);
  const part = (name: string) => {
    const dataset = getDataset(file, `${path}/${name}`);
    if (!dataset)
      throw new InputError(source, 'unsupported-layout', `sparse matrix ${path} has no ${name} array`);
    return dataset;
  };
  return readSparseMatrix(source, {
    data: part('data'),
    indices: part('indices'),
    indptr: part('indptr'),
    shape: found.shape,
    kind: found.kind,
  });
}

/** The index (row names) of an AnnData dataframe group (`obs`, `var`, `raw/var`). */
function dataframeIndex(file: H5File, groupPath: string, source: string): string[] | undefined {
  const group = getGroup(file, groupPath);
  if (!group) {
    if (getDataset(file, groupPath)) {
      throw new InputError(
        source,
        'unsupported-layout',
        `${groupPath} is a compound table written by anndata < 0.7; re-save the file with a current anndata`,
      );
    }
    return undefined;
  }
  const indexName = stringAttribute(group, '_index') ?? '_index';
  const dataset = getDataset(group, indexName);
  return dataset ? readStrings(source, dataset) : undefined;
}

/** Column names of a dataframe group in their stored order. */
function dataframeColumns(group: Group): string[] {
  const indexName = stringAttribute(group, '_index') ?? '_index';
  let order: string[] | undefined;
  try {
    const value = group.attrs['column-order']?.value;
    if (Array.isArray(value)) order = value.map(String);
    else if (typeof value === 'string') order = [value];
  } catch {
    order = undefined;
  }
  const keys = keysOf(group).filter((key) => key !== indexName && key !== '__categories');
  if (!order || order.length === 0) return keys;
  return order.filter((name) => keys.includes(name));
}

/** Reads one obs column as text: categorical (codes + categories), strings, numbers, or nullable arrays. */
async function readColumn(file: H5File, groupPath: string, name: string, source: string): Promise<string[]> {
  const path = `${groupPath}/${name}`;
  const group = getGroup(file, path);
  if (group) {
    const encoding = stringAttribute(group, 'encoding-type');
    if (encoding === 'categorical') {
      const categories = readStrings(source, getDataset(group, 'categories')!);
      const codes = await readNumbers(source, getDataset(group, 'codes')!);
      return Array.from(codes, (code) => (code < 0 ? 'NA' : (categories[code] ?? 'NA')));
    }
    const values = getDataset(group, 'values');
    const mask = getDataset(group, 'mask');
    if (values && encoding?.startsWith('nullable')) {
      const numbers = await readNumbers(source, values);
      const missing = mask ? await readNumbers(source, mask) : undefined;
      return Array.from(numbers, (value, i) => (missing?.[i] ? 'NA' : String(value)));
    }
    throw new InputError(
      source,
      'unsupported-layout',
      `obs column ${name} has an unknown encoding (${encoding})`,
    );
  }
  const dataset = getDataset(file, path)!;
  const legacyCategories = getDataset(file, `${groupPath}/__categories/${name}`);
  if (legacyCategories && isNumeric(dataset)) {
    const categories = readStrings(source, legacyCategories);
    const codes = await readNumbers(source, dataset);
    return Array.from(codes, (code) => (code < 0 ? 'NA' : (categories[code] ?? 'NA')));
  }
  if (isNumeric(dataset)) return Array.from(await readNumbers(source, dataset), (value) => String(value));
  return readStrings(source, dataset);
}

/**
 * AnnData `.h5ad` (anndata >= 0.7 layout): `X` dense or CSR/CSC, `obs` columns as labels, `var` index as gene names.
 * When `X` is not counts (normalised, scaled), `layers/counts` or `raw/X` is used instead if it holds counts.
 */
export class H5adReader implements MatrixReader {
  readonly format = 'h5ad' as const;
  readonly description = 'AnnData .h5ad (X dense or CSR/CSC; obs columns; var names; raw/X or layers/counts)';

  detect(probe: FileProbe): boolean {
    return probe.hdf5 !== undefined && isH5ad(probe.hdf5);
  }

  async summary(probe: FileProbe): Promise<MatrixSummary> {
    const file = this.file(probe);
    const x = matrixAt('X', file, probe.path)!;
    const obs = getGroup(file, 'obs');
    return {
      format: this.format,
      cells: x.shape[0],
      genes: x.shape[1],
      labelColumns: obs ? dataframeColumns(obs) : [],
      orientation: 'cells-x-genes',
      matrixPath: 'X',
    };
  }

  async load(probe: FileProbe): Promise<LoadedMatrix> {
    const file = this.file(probe);
    const source = probe.path;
    const present = COUNT_MATRICES.filter(
      (candidate) => matrixAt(candidate.path, file, source) !== undefined,
    );
    const notes: string[] = [];
    let chosen: { checked: CheckedMatrix; path: string; varGroup: string } | undefined;
    const rejected: { path: string; checked: CheckedMatrix }[] = [];
    for (const candidate of present) {
      const checked = await readMatrixAt(candidate.path, file, source);
      if (checked.check.ok) {
        chosen = { checked, path: candidate.path, varGroup: candidate.varGroup };
        break;
      }
      rejected.push({ path: candidate.path, checked });
    }
    if (!chosen) {
      const first = rejected[0]!;
      const others = rejected.slice(1).map((entry) => entry.path);
      if (others.length === 0) first.checked.check.throwIfBad(source, first.path);
      const reasons = rejected
        .map((entry) => {
          try {
            entry.checked.check.throwIfBad(source, entry.path);
            return '';
          } catch (error) {
            return (error as Error).message.slice(source.length + 2);
          }
        })
        .join('; ');
      throw new InputError(source, first.checked.check.worstCode!, reasons);
    }
    for (const entry of rejected) {
      notes.push(
        `${entry.path} does not hold counts (non-integer or negative values); used ${chosen.path} instead`,
      );
    }
    if (chosen.checked.droppedZeros > 0)
      notes.push(`${chosen.checked.droppedZeros} explicitly stored zeros dropped`);
    const { matrix } = chosen.checked;
    const cellIds = dataframeIndex(file, 'obs', source) ?? [];
    const geneNames = dataframeIndex(file, chosen.varGroup, source) ?? [];
    if (cellIds.length !== matrix.rows) {
      throw new InputError(
        source,
        'labels-length',
        `obs has ${cellIds.length} cell ids but ${chosen.path} has ${matrix.rows} rows`,
      );
    }
    if (geneNames.length !== matrix.cols) {
      throw new InputError(
        source,
        'corrupt',
        `${chosen.varGroup} has ${geneNames.length} gene names but ${chosen.path} has ${matrix.cols} columns`,
      );
    }
    const labels: LabelColumn[] = [];
    const obs = getGroup(file, 'obs');
    for (const name of obs ? dataframeColumns(obs) : []) {
      const values = await readColumn(file, 'obs', name, source);
      if (values.length !== matrix.rows) {
        throw new InputError(
          source,
          'labels-length',
          `obs column ${name} has ${values.length} values for ${matrix.rows} cells`,
        );
      }
      labels.push({ name, values });
    }
    return {
      ...matrix,
      cellIds,
      geneNames,
      labels,
      provenance: {
        orientation: 'cells-x-genes',
        orientationDetected: false,
        matrixPath: chosen.path,
        notes,
      },
    };
  }

  private file(probe: FileProbe): H5File {
    if (!probe.hdf5 || !isH5ad(probe.hdf5)) {
      throw new InputError(
        probe.path,
        'unsupported-layout',
        'is not an AnnData file (no X, obs and var at its root)',
      );
    }
    if (!matrixAt('X', probe.hdf5, probe.path))
      throw new InputError(probe.path, 'unsupported-layout', 'has no X matrix');
    return probe.hdf5;
  }
}

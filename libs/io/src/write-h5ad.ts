/**
 * Writes results as AnnData `.h5ad` with the group, dataset and attribute layout anndata 0.8 writes (the layout of
 * `../shared/formats/*.h5ad`), so `anndata.read_h5ad` and scanpy open it. One difference h5wasm forces: the
 * categorical `ordered` flag is an int8 0/1 rather than h5py's boolean enum; anndata reads it with `bool(...)`.
 */
import type { CountMatrix, LabelColumn } from './count-matrix.js';
import { createHdf5, type Group, type H5File } from './hdf5.js';

/** A dense row-major matrix (one row per cell), e.g. a latent space or a 2-D embedding. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** What {@link writeH5ad} writes. */
export interface H5adContent {
  /** The counts (X, as CSR), cell ids (obs index), gene names (var index); its label columns go to `obs`. */
  matrix: Pick<CountMatrix, 'rows' | 'cols' | 'indptr' | 'indices' | 'data' | 'cellIds' | 'geneNames'> & {
    labels?: LabelColumn[];
  };
  /** One cluster per cell: written as the categorical `obs['scsamac_cluster']`. */
  clusters?: ArrayLike<number> | readonly string[];
  /** The scSAMAC latent space: `obsm['X_scsamac']`. */
  latent?: DenseMatrix;
  /** A 2-D UMAP embedding: `obsm['X_umap']`. */
  umap?: DenseMatrix;
  /** A 2-D t-SNE embedding: `obsm['X_tsne']`. */
  tsne?: DenseMatrix;
}

/** Options of {@link writeH5ad}. */
export interface WriteH5adOptions {
  /** gzip level for numeric arrays (0 = no compression). Default 4. */
  gzipLevel?: number;
}

const CHUNK = 1 << 18;

function setEncoding(object: Group | H5File, type: string, version: string): void {
  object.create_attribute('encoding-type', type);
  object.create_attribute('encoding-version', version);
}

function numericDataset(
  group: Group,
  name: string,
  data: Float32Array | Int32Array | Int8Array | Int16Array,
  shape: number[],
  dtype: string,
  gzipLevel: number,
) {
  const compress = gzipLevel > 0 && data.length > 0;
  const chunks =
    shape.length === 1
      ? [Math.min(shape[0]!, CHUNK)]
      : [Math.max(1, Math.min(shape[0]!, Math.floor(CHUNK / Math.max(1, shape[1]!)))), shape[1]!];
  return group.create_dataset({
    name,
    data,
    shape,
    dtype,
    ...(compress ? { chunks, compression: 'gzip' as const, compression_opts: gzipLevel } : {}),
  });
}

function stringArray(group: Group, name: string, values: readonly string[]): void {
  const dataset = group.create_dataset({ name, data: [...values] });
  setEncoding(dataset as unknown as Group, 'string-array', '0.2.0');
}

/** Category order as pandas sorts it: numerically when every value is a number, else as text. */
function sortedCategories(values: readonly string[]): string[] {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((value) => value.trim() !== '' && !Number.isNaN(Number(value)));
  return numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
}

function categorical(group: Group, name: string, values: readonly string[], gzipLevel: number): void {
  const categories = sortedCategories(values);
  const codeOf = new Map(categories.map((category, i) => [category, i]));
  const [codes, dtype] =
    categories.length < 128
      ? [new Int8Array(values.length), '<b']
      : categories.length < 32768
        ? [new Int16Array(values.length), '<h']
        : [new Int32Array(values.length), '<i'];
  values.forEach((value, i) => {
    codes[i] = codeOf.get(value)!;
  });
  const column = group.create_group(name);
  setEncoding(column, 'categorical', '0.2.0');
  column.create_attribute('ordered', 0, null, '<b');
  stringArray(column, 'categories', categories);
  const codesDataset = numericDataset(column, 'codes', codes, [values.length], dtype, gzipLevel);
  setEncoding(codesDataset as unknown as Group, 'array', '0.2.0');
}

function dataframe(
  parent: H5File,
  name: string,
  index: readonly string[],
  columns: LabelColumn[],
  gzipLevel: number,
): void {
  const group = parent.create_group(name);
  group.create_attribute('_index', '_index');
  if (columns.length > 0)
    group.create_attribute(
      'column-order',
      columns.map((column) => column.name),
    );
  // anndata writes an empty float64 array when there are no columns.
  else group.create_attribute('column-order', new Float64Array(0), [0], '<d');
  setEncoding(group, 'dataframe', '0.2.0');
  stringArray(group, '_index', index);
  for (const column of columns) categorical(group, column.name, column.values, gzipLevel);
}

function emptyDict(parent: H5File | Group, name: string): Group {
  const group = parent.create_group(name);
  setEncoding(group, 'dict', '0.1.0');
  return group;
}

function checkDense(name: string, matrix: DenseMatrix, rows: number): void {
  if (matrix.rows !== rows || matrix.data.length !== matrix.rows * matrix.cols) {
    throw new RangeError(
      `obsm ${name} is ${matrix.rows} x ${matrix.cols} (${matrix.data.length} values) for ${rows} cells`,
    );
  }
}

function denseArray(group: Group, name: string, matrix: DenseMatrix, gzipLevel: number): void {
  const dataset = numericDataset(group, name, matrix.data, [matrix.rows, matrix.cols], '<f', gzipLevel);
  setEncoding(dataset as unknown as Group, 'array', '0.2.0');
}

/**
 * Writes `content` to `path` as an AnnData file: X (CSR float32 counts), obs (cell ids; label columns and
 * `scsamac_cluster` as categoricals), var (gene names), obsm (`X_scsamac`, `X_umap`, `X_tsne` when given), and the
 * empty layers/obsp/uns/varm/varp groups anndata expects. Overwrites an existing file.
 */
export async function writeH5ad(
  path: string,
  content: H5adContent,
  options: WriteH5adOptions = {},
): Promise<void> {
  const gzipLevel = options.gzipLevel ?? 4;
  const { matrix } = content;
  if (matrix.cellIds.length !== matrix.rows || matrix.geneNames.length !== matrix.cols) {
    throw new RangeError(
      `${matrix.cellIds.length} cell ids and ${matrix.geneNames.length} gene names for a ${matrix.rows} x ${matrix.cols} matrix`,
    );
  }
  const columns: LabelColumn[] = [...(matrix.labels ?? [])].filter(
    (column) => column.name !== 'scsamac_cluster',
  );
  if (content.clusters) {
    if (content.clusters.length !== matrix.rows) {
      throw new RangeError(`${content.clusters.length} cluster labels for ${matrix.rows} cells`);
    }
    columns.unshift({
      name: 'scsamac_cluster',
      values: Array.from(content.clusters as ArrayLike<number | string>, String),
    });
  }
  for (const [name, embedding] of [
    ['X_scsamac', content.latent],
    ['X_umap', content.umap],
    ['X_tsne', content.tsne],
  ] as const) {
    if (embedding) checkDense(name, embedding, matrix.rows);
  }
  const file = await createHdf5(path);
  try {
    setEncoding(file, 'anndata', '0.1.0');
    const x = file.create_group('X');
    setEncoding(x, 'csr_matrix', '0.1.0');
    x.create_attribute('shape', new BigInt64Array([BigInt(matrix.rows), BigInt(matrix.cols)]), [2], '<q');
    numericDataset(x, 'data', matrix.data, [matrix.data.length], '<f', gzipLevel);
    numericDataset(x, 'indices', matrix.indices, [matrix.indices.length], '<i', gzipLevel);
    numericDataset(x, 'indptr', matrix.indptr, [matrix.indptr.length], '<i', gzipLevel);
    emptyDict(file, 'layers');
    dataframe(file, 'obs', matrix.cellIds, columns, gzipLevel);
    const obsm = emptyDict(file, 'obsm');
    if (content.latent) denseArray(obsm, 'X_scsamac', content.latent, gzipLevel);
    if (content.umap) denseArray(obsm, 'X_umap', content.umap, gzipLevel);
    if (content.tsne) denseArray(obsm, 'X_tsne', content.tsne, gzipLevel);
    emptyDict(file, 'obsp');
    emptyDict(file, 'uns');
    dataframe(file, 'var', matrix.geneNames, [], gzipLevel);
    emptyDict(file, 'varm');
    emptyDict(file, 'varp');
  } finally {
    file.close();
  }
}

/** Writes small HDF5 files of any layout for tests, with h5wasm (the same library the readers use). */
import { createHdf5, type Group, type H5File } from '../hdf5.js';

type Typed = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array;

/** A dataset to write: data, optional shape/dtype (h5wasm dtype strings like '<f', '<i', '<q'), and attributes. */
export interface DatasetSpec {
  data: Typed | string[];
  shape?: number[];
  dtype?: string;
  attrs?: Record<string, string | string[] | Typed>;
  gzip?: boolean;
}

/** A group: attributes and children (datasets or groups). */
export interface GroupSpec {
  attrs?: Record<string, string | string[] | Typed>;
  children?: Record<string, GroupSpec | DatasetSpec>;
}

function isDataset(node: GroupSpec | DatasetSpec): node is DatasetSpec {
  return 'data' in node;
}

function writeAttrs(target: Group | H5File, attrs: GroupSpec['attrs']): void {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value instanceof BigInt64Array) target.create_attribute(name, value, [value.length], '<q');
    else target.create_attribute(name, value as never);
  }
}

function writeGroup(target: Group | H5File, spec: GroupSpec): void {
  writeAttrs(target, spec.attrs);
  for (const [name, node] of Object.entries(spec.children ?? {})) {
    if (isDataset(node)) {
      const length = Array.isArray(node.data) ? node.data.length : node.data.length;
      const shape = node.shape ?? [length];
      const dataset = target.create_dataset({
        name,
        data: node.data as never,
        shape,
        dtype: node.dtype ?? null,
        ...(node.gzip && length > 0
          ? {
              chunks: shape.map((n) => Math.max(1, Math.min(n, 64))),
              compression: 'gzip' as const,
              compression_opts: 4,
            }
          : {}),
      });
      writeAttrs(dataset as unknown as Group, node.attrs);
    } else {
      writeGroup(target.create_group(name), node);
    }
  }
}

/** Writes `spec` as the root group of a new HDF5 file at `path`. */
export async function writeHdf5(path: string, spec: GroupSpec): Promise<void> {
  const file = await createHdf5(path);
  try {
    writeGroup(file, spec);
  } finally {
    file.close();
  }
}

/** A small count matrix used across tests (4 cells x 5 genes; cell 2 has no counts). */
export const SMALL = {
  rows: 4,
  cols: 5,
  dense: [
    [0, 1, 0, 3, 0],
    [2, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 5, 1, 0, 7],
  ],
  cellIds: ['c1', 'c2', 'c3', 'c4'],
  geneNames: ['Actb', 'Gapdh', 'Cd3e', 'Ms4a1', 'Lyz2'],
  labels: ['T', 'B', 'T', 'NK'],
  nnz: 6,
  total: 19,
};

/** The small matrix as CSR arrays (rows = cells). */
export function smallCsr(): { indptr: Int32Array; indices: Int32Array; data: Float32Array } {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (const row of SMALL.dense) {
    row.forEach((value, column) => {
      if (value !== 0) {
        indices.push(column);
        data.push(value);
      }
    });
    indptr.push(indices.length);
  }
  return {
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
  };
}

/** The small matrix as CSC arrays (pointers over genes), i.e. CSR of its transpose. */
export function smallCsc(): { indptr: Int32Array; indices: Int32Array; data: Float32Array } {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let column = 0; column < SMALL.cols; column++) {
    SMALL.dense.forEach((row, r) => {
      if (row[column] !== 0) {
        indices.push(r);
        data.push(row[column]!);
      }
    });
    indptr.push(indices.length);
  }
  return {
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
  };
}

/** The small matrix dense, row-major cells x genes. */
export function smallDense(): Float32Array {
  return Float32Array.from(SMALL.dense.flat());
}

const enc = (type: string, version: string) => ({ 'encoding-type': type, 'encoding-version': version });

/** AnnData dataframe group with an index and string/categorical columns. */
export function dataframeSpec(index: string[], columns: Record<string, string[]> = {}): GroupSpec {
  const children: GroupSpec['children'] = { _index: { data: index, attrs: enc('string-array', '0.2.0') } };
  for (const [name, values] of Object.entries(columns)) {
    const categories = [...new Set(values)].sort();
    children[name] = {
      attrs: enc('categorical', '0.2.0'),
      children: {
        categories: { data: categories, attrs: enc('string-array', '0.2.0') },
        codes: { data: Int8Array.from(values.map((value) => categories.indexOf(value))), dtype: '<b' },
      },
    };
  }
  const order = Object.keys(columns);
  return {
    attrs: {
      _index: '_index',
      ...(order.length ? { 'column-order': order } : {}),
      ...enc('dataframe', '0.2.0'),
    },
    children,
  };
}

/** A sparse matrix group in AnnData's encoding. */
export function sparseSpec(
  kind: 'csr' | 'csc',
  arrays: { indptr: Int32Array; indices: Int32Array; data: Float32Array },
  shape: [number, number],
): GroupSpec {
  return {
    attrs: { ...enc(`${kind}_matrix`, '0.1.0'), shape: BigInt64Array.from(shape.map(BigInt)) },
    children: {
      data: { data: arrays.data, dtype: '<f' },
      indices: { data: arrays.indices, dtype: '<i' },
      indptr: { data: arrays.indptr, dtype: '<i' },
    },
  };
}

/** An AnnData file tree around an X node (dense dataset or sparse group) with the small matrix's obs and var. */
export function h5adSpec(x: GroupSpec | DatasetSpec, extra: GroupSpec['children'] = {}): GroupSpec {
  return {
    attrs: enc('anndata', '0.1.0'),
    children: {
      X: x,
      obs: dataframeSpec(SMALL.cellIds, { cell_type: SMALL.labels }),
      var: dataframeSpec(SMALL.geneNames),
      ...extra,
    },
  };
}

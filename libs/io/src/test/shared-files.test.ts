/**
 * Every file in ../shared/datasets and ../shared/formats loads with the right shape, counts and labels, and the
 * renderings of Baron_mouse1 give one identical matrix. Expected numbers come from scripts/shared_facts.py (h5py and
 * pandas, independent of this code) and ../shared/formats/README.md.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { labelClassCount, totalCount, type CountMatrix } from '../count-matrix.js';
import { readMatrix } from '../read-matrix.js';
import { expectSameCounts, expectValidCountMatrix } from './matrix-assertions.js';
import { shared } from './paths.js';

const DATASETS = [
  {
    path: 'datasets/10X_PBMC/10X_PBMC_top2000.h5',
    cells: 4271,
    genes: 2000,
    nnz: 870065,
    total: 4547560,
    classes: 8,
    first: ['2', '2', '2', '8', '3'],
  },
  {
    path: 'datasets/Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5',
    cells: 822,
    genes: 14878,
    nnz: 1164056,
    total: 3075159,
    classes: 13,
    first: ['0', '1', '2', '3', '2'],
  },
  {
    path: 'datasets/CITE_CBMC/CITE_CBMC_counts_top2000.h5',
    cells: 8617,
    genes: 2000,
    nnz: 1160796,
    total: 7817205,
    classes: 15,
    first: ['5', '5', '5', '5', '5'],
  },
  {
    path: 'datasets/mouse_bladder_cell/mouse_bladder_cell_select_2100.h5',
    cells: 2100,
    genes: 20670,
    nnz: 2214875,
    total: 4528297,
    classes: 16,
    first: ['2', '3', '1', '6', '7'],
  },
  {
    path: 'datasets/mouse_bladder_cell/mouse_bladder_cell_top2000.h5',
    cells: 2746,
    genes: 2003,
    nnz: 416606,
    total: 1338672,
    classes: 16,
    first: ['1', '5', '16', '8', '4'],
  },
];

const BARON = { cells: 822, genes: 14878, nnz: 1164056, total: 3075159, classes: 13 };
const BARON_FIRST = ['beta', 'ductal', 'delta', 'schwann', 'delta'];
const CELL_TYPES = shared('formats/Baron_mouse1_10x_mtx/cell_types.csv');
/** Cell-type sizes from ../shared/formats/README.md. */
const BARON_SIZES = {
  beta: 343,
  ductal: 236,
  delta: 85,
  endothelial: 72,
  quiescent_stellate: 29,
  macrophage: 17,
  gamma: 14,
  alpha: 9,
  immune_other: 4,
  activated_stellate: 4,
  T_cell: 4,
  schwann: 3,
  B_cell: 2,
};

function sizes(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value] = (out[value] ?? 0) + 1;
  return out;
}

describe('shared datasets', () => {
  for (const dataset of DATASETS) {
    it(`${dataset.path} loads with its shape, counts and labels`, async () => {
      const matrix = await readMatrix(shared(dataset.path));
      expectValidCountMatrix(matrix);
      expect(matrix.provenance.format).toBe('h5');
      expect([matrix.rows, matrix.cols, matrix.data.length, totalCount(matrix)]).toEqual([
        dataset.cells,
        dataset.genes,
        dataset.nnz,
        dataset.total,
      ]);
      expect(matrix.labels[0]!.name).toBe('Y');
      expect(labelClassCount(matrix.labels[0]!)).toBe(dataset.classes);
      expect(matrix.labels[0]!.values.slice(0, 5)).toEqual(dataset.first);
    });
  }
});

describe('Baron_mouse1 in every format', () => {
  const renderings: Record<
    string,
    { path: string; labels?: string; format: string; labelColumn: string | undefined }
  > = {
    'dataset h5': {
      path: 'datasets/Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5',
      format: 'h5',
      labelColumn: 'Y',
    },
    'GEO csv zip': {
      path: 'datasets/Baron_mouse1/Baron_mouse1_GSM2230761_umifm_counts.csv.zip',
      format: 'csv',
      labelColumn: 'assigned_cluster',
    },
    'csr h5ad': { path: 'formats/Baron_mouse1.csr.h5ad', format: 'h5ad', labelColumn: 'cell_type' },
    'dense h5ad': { path: 'formats/Baron_mouse1.dense.h5ad', format: 'h5ad', labelColumn: 'cell_type' },
    '10x v3 h5': {
      path: 'formats/Baron_mouse1_10x_v3.h5',
      labels: CELL_TYPES,
      format: '10x-h5',
      labelColumn: 'cell_type',
    },
    'MTX folder': { path: 'formats/Baron_mouse1_10x_mtx', format: '10x-mtx', labelColumn: 'cell_type' },
    'genes x cells csv.gz': {
      path: 'formats/Baron_mouse1.genes_x_cells.csv.gz',
      labels: CELL_TYPES,
      format: 'csv',
      labelColumn: 'cell_type',
    },
  };
  const loaded: Record<string, CountMatrix> = {};

  beforeAll(async () => {
    for (const [name, rendering] of Object.entries(renderings)) {
      loaded[name] = await readMatrix(
        shared(rendering.path),
        rendering.labels ? { labels: rendering.labels } : {},
      );
    }
  }, 120_000);

  for (const [name, rendering] of Object.entries(renderings)) {
    it(`${name} loads as ${rendering.format} with 822 x 14878 and its labels`, () => {
      const matrix = loaded[name]!;
      expectValidCountMatrix(matrix);
      expect(matrix.provenance.format).toBe(rendering.format);
      expect([matrix.rows, matrix.cols, matrix.data.length, totalCount(matrix)]).toEqual([
        BARON.cells,
        BARON.genes,
        BARON.nnz,
        BARON.total,
      ]);
      const labels = matrix.labels[0]!;
      expect(labels.name).toBe(rendering.labelColumn);
      expect(labelClassCount(labels)).toBe(BARON.classes);
      if (name !== 'dataset h5') {
        expect(labels.values.slice(0, 5)).toEqual(BARON_FIRST);
        expect(sizes(labels.values)).toEqual(BARON_SIZES);
      }
    });
  }

  it('gives identical matrices in all seven renderings', () => {
    const reference = loaded['dataset h5']!;
    for (const name of Object.keys(renderings)) expectSameCounts(loaded[name]!, reference);
  });

  it('gives the same cell ids and gene names wherever the file stores them', () => {
    const named = Object.keys(renderings).filter((name) => name !== 'dataset h5');
    const reference = loaded['csr h5ad']!;
    for (const name of named) {
      expect(loaded[name]!.cellIds, name).toEqual(reference.cellIds);
      expect(loaded[name]!.geneNames, name).toEqual(reference.geneNames);
    }
  });

  it('maps the h5 label codes one-to-one onto the cell-type names', () => {
    const codes = loaded['dataset h5']!.labels[0]!.values;
    const names = loaded['csr h5ad']!.labels[0]!.values;
    const pairs = new Set(codes.map((code, i) => `${code}=${names[i]}`));
    expect(pairs.size).toBe(13);
    // From ../shared/datasets/Baron_mouse1/SOURCE.md.
    expect(pairs).toContain('0=beta');
    expect(pairs).toContain('12=T_cell');
  });

  it('reports the detected orientation of each table', () => {
    expect(loaded['GEO csv zip']!.provenance).toMatchObject({
      orientation: 'cells-x-genes',
      orientationDetected: true,
    });
    expect(loaded['genes x cells csv.gz']!.provenance).toMatchObject({
      orientation: 'genes-x-cells',
      orientationDetected: true,
    });
  });
});

import { rm } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { SMALL } from '../test/hdf5-fixtures.js';
import { writeSmallFixtures, type Fixture } from '../test/fixtures.js';
import { shared } from '../test/paths.js';
import { describeReaderContract, type ContractCase } from '../test/reader-contract.js';
import { READERS } from './registry.js';

let dir = '';
let fixtures: Fixture[] = [];

beforeAll(async () => {
  ({ dir, fixtures } = await writeSmallFixtures());
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// One real file per format from ../shared; counts from scripts/shared_facts.py (h5py, independent of this code).
const BARON = { cells: 822, genes: 14878, nnz: 1164056, total: 3075159 };
const SHARED: Record<string, ContractCase> = {
  h5: {
    name: '10X_PBMC',
    path: shared('datasets/10X_PBMC/10X_PBMC_top2000.h5'),
    cells: 4271,
    genes: 2000,
    nnz: 870065,
    total: 4547560,
    labelColumns: ['Y'],
  },
  h5ad: {
    name: 'Baron csr.h5ad',
    path: shared('formats/Baron_mouse1.csr.h5ad'),
    ...BARON,
    labelColumns: ['cell_type', 'barcode'],
  },
  '10x-h5': {
    name: 'Baron 10x v3',
    path: shared('formats/Baron_mouse1_10x_v3.h5'),
    ...BARON,
    labelColumns: [],
  },
  '10x-mtx': {
    name: 'Baron MTX',
    path: shared('formats/Baron_mouse1_10x_mtx'),
    ...BARON,
    labelColumns: ['cell_type'],
  },
  csv: {
    name: 'Baron csv.gz',
    path: shared('formats/Baron_mouse1.genes_x_cells.csv.gz'),
    ...BARON,
    labelColumns: [],
  },
};

for (const reader of READERS) {
  describeReaderContract(
    reader,
    () => [
      ...fixtures
        .filter((fixture) => fixture.format === reader.format)
        .map((fixture) => ({
          ...fixture,
          cells: SMALL.rows,
          genes: SMALL.cols,
          nnz: SMALL.nnz,
          total: SMALL.total,
        })),
      SHARED[reader.format]!,
    ],
    () => fixtures.filter((fixture) => fixture.format !== reader.format).map((fixture) => fixture.path),
  );
}

/** Builds one small input file per layout (all holding the same 4 x 5 matrix) in a temp folder. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import type { MatrixFormat } from '../count-matrix.js';
import { writeH5ad } from '../write-h5ad.js';
import { h5adSpec, SMALL, smallCsc, smallCsr, smallDense, sparseSpec, writeHdf5 } from './hdf5-fixtures.js';

/** A small fixture and the facts its reader must reproduce. */
export interface Fixture {
  name: string;
  path: string;
  format: MatrixFormat;
  /** Label column names expected (in order). */
  labelColumns: string[];
}

/** The small matrix as CSV/TSV text, cells x genes with a label column, or genes x cells. */
export function smallTable(orientation: 'cells-x-genes' | 'genes-x-cells', delimiter = ','): string {
  if (orientation === 'cells-x-genes') {
    const header = ['', 'cell_type', ...SMALL.geneNames].join(delimiter);
    const rows = SMALL.dense.map((row, i) => [SMALL.cellIds[i], SMALL.labels[i], ...row].join(delimiter));
    return [header, ...rows].join('\n') + '\n';
  }
  const header = ['gene', ...SMALL.cellIds].join(delimiter);
  const rows = SMALL.geneNames.map((gene, g) => [gene, ...SMALL.dense.map((row) => row[g])].join(delimiter));
  return [header, ...rows].join('\n') + '\n';
}

/** The small matrix as MatrixMarket text (genes x cells, 1-based). */
export function smallMtx(): string {
  const entries: string[] = [];
  for (let c = 0; c < SMALL.rows; c++) {
    SMALL.dense[c]!.forEach((value, g) => {
      if (value) entries.push(`${g + 1} ${c + 1} ${value}`);
    });
  }
  return (
    [
      '%%MatrixMarket matrix coordinate integer general',
      '%metadata_json: {}',
      `${SMALL.cols} ${SMALL.rows} ${entries.length}`,
      ...entries,
    ].join('\n') + '\n'
  );
}

/** Writes every small fixture into a new temp folder. */
export async function writeSmallFixtures(): Promise<{ dir: string; fixtures: Fixture[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'scsamac-io-'));
  const at = (name: string) => join(dir, name);
  const fixtures: Fixture[] = [];
  const csr = smallCsr();
  const csc = smallCsc();

  await writeHdf5(at('dense.h5'), {
    children: {
      X: {
        data: Int32Array.from(SMALL.dense.flat()),
        shape: [SMALL.rows, SMALL.cols],
        dtype: '<i',
        gzip: true,
      },
      Y: { data: Float64Array.from([1, 2, 1, 3]), dtype: '<d' },
    },
  });
  fixtures.push({
    name: 'dense h5 (int32 X, float Y)',
    path: at('dense.h5'),
    format: 'h5',
    labelColumns: ['Y'],
  });

  await writeH5ad(at('csr.h5ad'), {
    matrix: {
      rows: SMALL.rows,
      cols: SMALL.cols,
      ...csr,
      cellIds: SMALL.cellIds,
      geneNames: SMALL.geneNames,
      labels: [{ name: 'cell_type', values: SMALL.labels }],
    },
  });
  fixtures.push({
    name: 'h5ad with CSR X',
    path: at('csr.h5ad'),
    format: 'h5ad',
    labelColumns: ['cell_type'],
  });

  await writeHdf5(
    at('dense.h5ad'),
    h5adSpec({
      data: smallDense(),
      shape: [SMALL.rows, SMALL.cols],
      dtype: '<f',
      attrs: { 'encoding-type': 'array', 'encoding-version': '0.2.0' },
    }),
  );
  fixtures.push({
    name: 'h5ad with dense X',
    path: at('dense.h5ad'),
    format: 'h5ad',
    labelColumns: ['cell_type'],
  });

  await writeHdf5(at('csc.h5ad'), h5adSpec(sparseSpec('csc', csc, [SMALL.rows, SMALL.cols])));
  fixtures.push({
    name: 'h5ad with CSC X',
    path: at('csc.h5ad'),
    format: 'h5ad',
    labelColumns: ['cell_type'],
  });

  // Cell Ranger stores CSC over cells of a genes x cells matrix: the same arrays as CSR over cells.
  const tenx = (indicesDtype: string) => ({
    data: { data: Int32Array.from(csr.data), dtype: '<i' },
    indices: { data: BigInt64Array.from(Array.from(csr.indices, BigInt)), dtype: indicesDtype },
    indptr: { data: BigInt64Array.from(Array.from(csr.indptr, BigInt)), dtype: '<q' },
    shape: { data: Int32Array.from([SMALL.cols, SMALL.rows]), dtype: '<i' },
    barcodes: { data: SMALL.cellIds },
  });
  await writeHdf5(at('v3.h5'), {
    children: {
      matrix: {
        children: {
          ...tenx('<q'),
          features: {
            children: {
              id: { data: SMALL.geneNames.map((_, i) => `ENSMUSG0000000000${i}`) },
              name: { data: SMALL.geneNames },
              feature_type: { data: SMALL.geneNames.map(() => 'Gene Expression') },
              genome: { data: SMALL.geneNames.map(() => 'mm10') },
            },
          },
        },
      },
    },
  });
  fixtures.push({ name: 'Cell Ranger v3 h5', path: at('v3.h5'), format: '10x-h5', labelColumns: [] });

  await writeHdf5(at('v2.h5'), {
    children: {
      mm10: {
        children: {
          ...tenx('<q'),
          genes: { data: SMALL.geneNames.map((_, i) => `ENSMUSG0000000000${i}`) },
          gene_names: { data: SMALL.geneNames },
        },
      },
    },
  });
  fixtures.push({ name: 'Cell Ranger v2 h5', path: at('v2.h5'), format: '10x-h5', labelColumns: [] });

  await mkdir(at('mtx'));
  await writeFile(at('mtx/matrix.mtx.gz'), gzipSync(smallMtx()));
  await writeFile(at('mtx/barcodes.tsv.gz'), gzipSync(SMALL.cellIds.join('\n') + '\n'));
  await writeFile(
    at('mtx/features.tsv.gz'),
    gzipSync(SMALL.geneNames.map((g, i) => `ENSMUSG${i}\t${g}\tGene Expression`).join('\n') + '\n'),
  );
  await writeFile(
    at('mtx/cell_types.csv'),
    ['cell,cell_type', ...SMALL.cellIds.map((id, i) => `${id},${SMALL.labels[i]}`)].join('\n'),
  );
  fixtures.push({
    name: 'MTX folder (gzip) with a label file',
    path: at('mtx'),
    format: '10x-mtx',
    labelColumns: ['cell_type'],
  });

  await mkdir(at('mtx-v2'));
  await writeFile(at('mtx-v2/matrix.mtx'), smallMtx());
  await writeFile(at('mtx-v2/barcodes.tsv'), SMALL.cellIds.join('\n') + '\n');
  await writeFile(
    at('mtx-v2/genes.tsv'),
    SMALL.geneNames.map((g, i) => `ENSMUSG${i}\t${g}`).join('\n') + '\n',
  );
  fixtures.push({
    name: 'MTX folder (plain, genes.tsv)',
    path: at('mtx-v2'),
    format: '10x-mtx',
    labelColumns: [],
  });

  await writeFile(at('cells.csv'), smallTable('cells-x-genes'));
  fixtures.push({
    name: 'CSV cells x genes with a label column',
    path: at('cells.csv'),
    format: 'csv',
    labelColumns: ['cell_type'],
  });

  await writeFile(at('genes.tsv.gz'), gzipSync(smallTable('genes-x-cells', '\t')));
  fixtures.push({
    name: 'TSV genes x cells, gzip',
    path: at('genes.tsv.gz'),
    format: 'csv',
    labelColumns: [],
  });

  await writeFile(
    at('table.zip'),
    zipSync({ 'counts.csv': new TextEncoder().encode(smallTable('cells-x-genes')) }),
  );
  fixtures.push({
    name: 'zip holding one CSV',
    path: at('table.zip'),
    format: 'csv',
    labelColumns: ['cell_type'],
  });

  return { dir, fixtures };
}

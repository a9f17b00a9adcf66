import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelClassCount, totalCount, type CountMatrix } from './count-matrix.js';
import { getDataset, openHdf5, readNumbers } from './hdf5.js';
import { readMatrix } from './read-matrix.js';
import { expectSameCounts, expectValidCountMatrix } from './test/matrix-assertions.js';
import { shared } from './test/paths.js';
import { writeH5ad, type DenseMatrix } from './write-h5ad.js';

let dir = '';
let baron: CountMatrix;
const python = '/usr/bin/python3';
const checker = fileURLToPath(new URL('../scripts/check_h5ad_layout.py', import.meta.url));

function dense(rows: number, cols: number, seed: number): DenseMatrix {
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * seed) * 3) };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scsamac-io-write-'));
  baron = await readMatrix(shared('formats/Baron_mouse1.csr.h5ad'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('writeH5ad', () => {
  const clusters = (rows: number) => Array.from({ length: rows }, (_, i) => (i * 7) % 11);

  it('round-trips counts, ids, names, labels and clusters through our reader', async () => {
    const path = join(dir, 'baron.h5ad');
    await writeH5ad(path, {
      matrix: baron,
      clusters: clusters(baron.rows),
      latent: dense(baron.rows, 32, 1),
      umap: dense(baron.rows, 2, 2),
    });
    const back = await readMatrix(path);
    expectValidCountMatrix(back);
    expectSameCounts(back, baron);
    expect(back.cellIds).toEqual(baron.cellIds);
    expect(back.geneNames).toEqual(baron.geneNames);
    expect(back.labels.map((column) => column.name)).toEqual(['scsamac_cluster', 'cell_type', 'barcode']);
    expect(back.labels[0]!.values).toEqual(clusters(baron.rows).map(String));
    expect(back.labels[1]).toEqual(baron.labels[0]);
    expect(back.labels[2]).toEqual(baron.labels[1]);
    expect(totalCount(back)).toBe(totalCount(baron));
  });

  it('writes obsm embeddings that read back exactly', async () => {
    const path = join(dir, 'obsm.h5ad');
    const latent = dense(baron.rows, 16, 3);
    const tsne = dense(baron.rows, 2, 5);
    await writeH5ad(path, { matrix: baron, latent, tsne }, { gzipLevel: 0 });
    const file = await openHdf5(path);
    try {
      expect(getDataset(file, 'obsm/X_scsamac')!.shape).toEqual([baron.rows, 16]);
      expect(getDataset(file, 'obsm/X_tsne')!.shape).toEqual([baron.rows, 2]);
      expect(getDataset(file, 'obsm/X_umap')).toBeUndefined();
      const values = getDataset(file, 'obsm/X_scsamac')!.value as Float32Array;
      expect(
        Buffer.from(values.buffer, values.byteOffset, values.byteLength).equals(
          Buffer.from(latent.data.buffer),
        ),
      ).toBe(true);
      expect(Array.from(await readNumbers(path, getDataset(file, 'X/indptr')!)).at(-1)).toBe(
        baron.data.length,
      );
    } finally {
      file.close();
    }
  });

  it('refuses embeddings and clusters of the wrong length', async () => {
    await expect(writeH5ad(join(dir, 'bad.h5ad'), { matrix: baron, clusters: [1, 2, 3] })).rejects.toThrow(
      /3 cluster labels for 822 cells/,
    );
    await expect(
      writeH5ad(join(dir, 'bad.h5ad'), { matrix: baron, latent: dense(10, 2, 1) }),
    ).rejects.toThrow(/X_scsamac is 10 x 2/);
  });

  it.skipIf(!existsSync(python))(
    'has the group and attribute layout of anndata 0.8 and decodes as anndata does',
    async () => {
      const path = join(dir, 'layout.h5ad');
      await writeH5ad(path, {
        matrix: baron,
        clusters: clusters(baron.rows),
        latent: dense(baron.rows, 8, 1),
        umap: dense(baron.rows, 2, 2),
      });
      const output = execFileSync(python, [checker, path, shared('formats/Baron_mouse1.csr.h5ad')], {
        encoding: 'utf8',
      });
      const report = JSON.parse(output.trim().split('\n').at(-1)!) as {
        differences: string[];
        read: Record<string, unknown>;
      };
      expect(report.differences).toEqual([]);
      expect(report.read).toMatchObject({
        shape: [822, 14878],
        nnz: baron.data.length,
        total: totalCount(baron),
        x_dtype: 'float32',
        obs_columns: ['scsamac_cluster', 'cell_type', 'barcode'],
        obs_categories: { scsamac_cluster: 11, cell_type: labelClassCount(baron.labels[0]!), barcode: 818 },
        first_cells: baron.cellIds.slice(0, 3),
        first_genes: baron.geneNames.slice(0, 3),
        obsm: { X_scsamac: [822, 8], X_umap: [822, 2] },
        scsamac_cluster_first: clusters(5).map(String),
      });
    },
  );
});

import { readMatrix, writeH5ad, type CountMatrix } from '@scsamac/io';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJsonLine, repositoryRoot, scsamacAsync } from '../test/cli.js';

const formats = path.resolve(repositoryRoot, '../shared/formats');
const baronH5ad = path.join(formats, 'Baron_mouse1.csr.h5ad');
const baron10x = path.join(formats, 'Baron_mouse1_10x_v3.h5');
// The same cells without gene names (genes are `gene_0`, `gene_1`, ...).
const baronUnnamed = path.resolve(
  repositoryRoot,
  '../shared/datasets/Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5',
);

let work: string;
let trained: string;
let trainedSummary: Record<string, unknown>;

/** Cluster column of a labels.csv (the cell ids differ between formats: obs names in h5ad, barcodes in 10x). */
async function clusters(dir: string): Promise<string[]> {
  const lines = (await readFile(path.join(dir, 'labels.csv'), 'utf8')).trim().split('\n');
  return lines.slice(1).map((line) => line.split(',').at(-1)!);
}

/** `matrix` with its genes in reverse order and the genes named in `drop` left out. */
function reversedWithout(matrix: CountMatrix, drop: Set<string>): CountMatrix {
  const kept = matrix.geneNames
    .map((_, g) => g)
    .filter((g) => !drop.has(matrix.geneNames[g]!))
    .reverse();
  const newIndex = new Int32Array(matrix.cols).fill(-1);
  kept.forEach((g, i) => (newIndex[g] = i));
  const indptr = new Int32Array(matrix.rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let r = 0; r < matrix.rows; r++) {
    const entries: [number, number][] = [];
    for (let p = matrix.indptr[r]!; p < matrix.indptr[r + 1]!; p++) {
      const column = newIndex[matrix.indices[p]!]!;
      if (column >= 0) entries.push([column, matrix.data[p]!]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [column, value] of entries) {
      indices.push(column);
      data.push(value);
    }
    indptr[r + 1] = indices.length;
  }
  return {
    ...matrix,
    cols: kept.length,
    indptr,
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
    geneNames: kept.map((g) => matrix.geneNames[g]!),
  };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'scsamac-predict-'));
  trained = path.join(work, 'trained');
  // A short scSAMAC run (3 batches per epoch): the point is the saved model, not its quality.
  const { stdout } = await scsamacAsync(
    'cluster',
    baronH5ad,
    '--seed',
    '3',
    '--pretrain-epochs',
    '2',
    '--max-epochs',
    '1',
    '--out',
    trained,
    '--json',
  );
  trainedSummary = lastJsonLine(stdout);
}, 240_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('scsamac predict', () => {
  it('puts the training cells back into the clusters they were trained into, from the saved model/ folder', async () => {
    expect((await readdir(path.join(trained, 'model'))).sort()).toEqual(['model.json', 'weights.bin']);
    const out = path.join(work, 'same');
    const { stdout } = await scsamacAsync(
      'predict',
      baronH5ad,
      '--model',
      path.join(trained, 'model'),
      '--out',
      out,
      '--json',
    );
    const summary = lastJsonLine(stdout);
    expect(Object.keys(summary)).toEqual([
      'cells',
      'genes',
      'k',
      'ARI',
      'NMI',
      'CA',
      'seconds',
      'backend',
      'missingGenes',
    ]);
    expect(summary).toMatchObject({ cells: 822, genes: 14878, k: 13, missingGenes: 0, backend: 'wasm' });
    expect(summary.ARI).toBe(trainedSummary.ARI);
    expect(await readFile(path.join(out, 'labels.csv'), 'utf8')).toBe(
      await readFile(path.join(trained, 'labels.csv'), 'utf8'),
    );
    expect(await readFile(path.join(out, 'latent.csv'), 'utf8')).toBe(
      await readFile(path.join(trained, 'latent.csv'), 'utf8'),
    );
    // Nothing was trained: no loss history, no model.
    expect((await readdir(out)).sort()).toEqual(['labels.csv', 'latent.csv', 'metrics.json', 'result.h5ad']);
  }, 120_000);

  it('finds the genes by name in another format (10x h5 of the same cells)', async () => {
    const out = path.join(work, 'tenx');
    // --model may also name the folder cluster --out wrote.
    const { stdout } = await scsamacAsync('predict', baron10x, '--model', trained, '--out', out, '--json');
    expect(lastJsonLine(stdout)).toMatchObject({ cells: 822, missingGenes: 0 });
    expect(await clusters(out)).toEqual(await clusters(trained));
  }, 120_000);

  it('takes genes in any order, counts genes the file lacks as zero and says which', async () => {
    const model = JSON.parse(await readFile(path.join(trained, 'model', 'model.json'), 'utf8')) as {
      geneNames: string[];
    };
    const dropped = model.geneNames.slice(10, 13);
    const file = path.join(work, 'reversed.h5ad');
    await writeH5ad(file, { matrix: reversedWithout(await readMatrix(baronH5ad), new Set(dropped)) });
    const out = path.join(work, 'reversed');
    const { stdout, stderr } = await scsamacAsync(
      'predict',
      file,
      '--model',
      path.join(trained, 'model'),
      '--out',
      out,
      '--json',
    );
    expect(stderr).toContain(
      `warning: 3 of the model's 2000 genes are not in ${file}; they count as zero (first: ${dropped.join(', ')})`,
    );
    expect(lastJsonLine(stdout)).toMatchObject({ cells: 822, genes: 14875, missingGenes: 3 });
    // Three genes fewer move a few cells at most (their library sizes change too).
    const expected = await clusters(trained);
    const same = (await clusters(out)).filter((label, i) => label === expected[i]).length;
    expect(same / expected.length).toBeGreaterThan(0.95);
  }, 120_000);

  it('refuses a file without the model genes and a folder without a model, naming them', async () => {
    await expect(
      scsamacAsync('predict', baronUnnamed, '--model', path.join(trained, 'model')),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `${baronUnnamed}: none of the model's 2000 genes is among the file's 14878 gene names`,
      ),
    });
    await expect(scsamacAsync('predict', baronH5ad, '--model', work)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `${path.join(work, 'model.json')}: no such file; --model takes the folder that scsamac cluster --out wrote`,
      ),
    });
  }, 120_000);
});

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateRequest } from '../pipeline/run-clustering.js';
import { lastJsonLine, repositoryRoot, scsamacAsync } from '../test/cli.js';

const baron = path.resolve(repositoryRoot, '../shared/datasets/Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5');

describe('scsamac cluster', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** `scsamac cluster` on Baron_mouse1 with `options`, into a fresh folder; its outputs' folder and --json summary. */
  async function clusterBaron(...options: string[]) {
    const out = await mkdtemp(path.join(tmpdir(), 'scsamac-cluster-'));
    dirs.push(out);
    const { stdout } = await scsamacAsync('cluster', baron, ...options, '--out', out, '--json');
    return { out, summary: lastJsonLine(stdout) };
  }

  it('clusters Baron_mouse1 with pca-kmeans (true k from the labels), scores it and writes every output', async () => {
    const { out, summary } = await clusterBaron('--method', 'pca-kmeans', '--seed', '1');
    expect(Object.keys(summary)).toEqual(['cells', 'genes', 'k', 'ARI', 'NMI', 'CA', 'seconds', 'backend']);
    expect(summary).toMatchObject({ cells: 822, genes: 14878, k: 13, backend: 'none' });
    // scikit-learn + the same recipe: mean ARI 0.74 over seeds 1-3 (spread 0.11); a broken step lands far below.
    expect(summary.ARI).toBeGreaterThan(0.6);
    expect(summary.NMI).toBeGreaterThan(0.7);
    const labels = (await readFile(path.join(out, 'labels.csv'), 'utf8')).trim().split('\n');
    expect(labels[0]).toBe('cell_id,cluster');
    expect(labels).toHaveLength(823);
    expect(new Set(labels.slice(1).map((line) => line.split(',').at(-1))).size).toBe(13);
    const latent = (await readFile(path.join(out, 'latent.csv'), 'utf8')).trim().split('\n');
    expect(latent).toHaveLength(823);
    expect(latent[1].split(',')).toHaveLength(51);
    const metrics = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8')) as {
      scores: Record<string, { ARI: number }>;
    };
    expect(Object.values(metrics.scores)[0].ARI).toBeCloseTo(summary.ARI as number, 10);
    expect((await readFile(path.join(out, 'history.csv'), 'utf8')).split('\n')[1]).toMatch(
      /^baseline,0,0,inertia,/,
    );
    expect((await stat(path.join(out, 'result.h5ad'))).size).toBeGreaterThan(100_000);
  });

  it('rejects an unknown method on the command line, and options the method does not take', async () => {
    await expect(scsamacAsync('cluster', baron, '--method', 'no-such-method')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Unknown method "no-such-method"; known: .*pca-kmeans/),
    });
    // The same check the command runs before reading the file (what --pretrain-epochs 3 becomes).
    expect(() => validateRequest({ method: 'pca-kmeans', options: { pretrainEpochs: 3 } })).toThrow(
      /pretrainEpochs/,
    );
    expect(() =>
      validateRequest({ method: 'pca-leiden', k: 'labels', options: { seed: 4, resolution: 0.5 } }),
    ).not.toThrow();
  });

  it('trains scSAMAC for the epochs given by --pretrain-epochs and --max-epochs', async () => {
    const { out, summary } = await clusterBaron(
      '--method',
      'scsamac',
      '--pretrain-epochs',
      '2',
      '--max-epochs',
      '1',
    );
    expect(summary).toMatchObject({ cells: 822, k: 13, backend: 'wasm' });
    // 822 cells in batches of 256: 3 per epoch, so 6 pretraining steps and at most one clustering epoch.
    const history = (await readFile(path.join(out, 'history.csv'), 'utf8')).trim().split('\n');
    const pretrainEpochs = new Set(
      history.filter((line) => line.startsWith('pretrain,')).map((l) => l.split(',')[1]),
    );
    const clusterEpochs = new Set(
      history.filter((line) => line.startsWith('cluster,')).map((l) => l.split(',')[1]),
    );
    expect(pretrainEpochs.size).toBe(2);
    expect(clusterEpochs.size).toBe(1);
  }, 180_000);
});

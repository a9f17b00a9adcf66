import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, runClustering, summarize, validateRequest } from './run-clustering.js';

const root = new URL('../../../../', import.meta.url).pathname;
const baron = path.resolve(root, '../shared/datasets/Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5');

describe('runClustering', () => {
  it('pca-leiden on Baron_mouse1 lands within 0.05 ARI of leidenalg on the same recipe', async () => {
    const matrix = await loadDataset(baron);
    const phases = new Set<string>();
    const outcome = await runClustering(
      matrix,
      { method: 'pca-leiden', options: { seed: 1 } },
      { onProgress: (event) => phases.add(event.phase) },
    );
    // `/usr/bin/python3 ../shared/tools/run_classic.py Maayan_Mouse_Pancreas_cell_1.h5 1` (scikit-learn PCA,
    // igraph + leidenalg, resolution 1): ARI 0.6244 with 8 communities.
    const scores = outcome.scores.Y;
    expect(Math.abs(scores.ARI - 0.6244)).toBeLessThan(0.05);
    expect(outcome.result.k).toBeGreaterThanOrEqual(7);
    expect(outcome.result.k).toBeLessThanOrEqual(10);
    expect(outcome.options).toMatchObject({
      seed: 1,
      algorithm: 'leiden',
      nNeighbors: 15,
      resolution: 1,
      k: 13,
    });
    expect([...phases]).toEqual(expect.arrayContaining(['preprocess', 'baseline', 'done']));
    const summary = summarize(matrix, outcome);
    expect(summary).toMatchObject({ cells: 822, genes: 14878, ARI: scores.ARI, backend: 'none' });
    // Without labels: k = 'labels' is refused, and a summary has null scores.
    const unlabelled = { ...matrix, labels: [] };
    await expect(runClustering(unlabelled, { method: 'pca-leiden', k: 'labels' })).rejects.toThrow(
      /needs a label column/,
    );
    expect(summarize(unlabelled, { ...outcome, scores: {}, primaryLabels: null }).ARI).toBeNull();
  });

  it('refuses unknown methods and invalid options before reading data', () => {
    expect(() => validateRequest({ method: 'nope' })).toThrow(/Unknown method/);
    expect(() => validateRequest({ method: 'pca-kmeans', options: { seed: 1.5 } })).toThrow();
  });
});

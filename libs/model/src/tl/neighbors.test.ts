import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { neighbors, symmetricAdjacency } from './neighbors.js';

// Made by libs/model/fixtures/make_classic_fixtures.py (scikit-learn NearestNeighbors, exact).
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/pca_kmeans_neighbors.json', import.meta.url), 'utf8'),
) as { rows: number; cols: number; x: number[]; neighbors: number[][]; distances: number[][] };

describe('neighbors', () => {
  it('finds the same 5 nearest neighbours and distances as scikit-learn, self excluded', () => {
    const x = { rows: fixture.rows, cols: fixture.cols, data: Float32Array.from(fixture.x) };
    const graph = neighbors(x, { k: 5 });
    expect(graph.k).toBe(5);
    expect(
      Array.from({ length: fixture.rows }, (_, i) => [...graph.indices.subarray(i * 5, i * 5 + 5)]),
    ).toEqual(fixture.neighbors);
    let worst = 0;
    fixture.distances.flat().forEach((d, q) => (worst = Math.max(worst, Math.abs(graph.distances[q] - d))));
    expect(worst).toBeLessThan(1e-4);
  });

  it('handles a hand-made line of points and symmetrises the graph', () => {
    // Points 0, 1, 3, 7 on a line; 2 nearest: 0 -> 1, 3; 1 -> 0, 3; 3 -> 1, 0; 7 -> 3, 1.
    const graph = neighbors({ rows: 4, cols: 1, data: Float32Array.from([0, 1, 3, 7]) }, { k: 2 });
    expect([...graph.indices]).toEqual([1, 2, 0, 2, 1, 0, 2, 1]);
    expect([...graph.distances]).toEqual([1, 3, 1, 2, 2, 3, 4, 6]);
    const adjacency = symmetricAdjacency(graph);
    // Edges {0,1}, {0,2}, {1,2}, {2,3}, {1,3}.
    const lists = Array.from({ length: 4 }, (_, i) => [
      ...adjacency.indices.subarray(adjacency.indptr[i], adjacency.indptr[i + 1]),
    ]);
    expect(lists).toEqual([
      [1, 2],
      [0, 2, 3],
      [0, 1, 3],
      [1, 2],
    ]);
  });
});

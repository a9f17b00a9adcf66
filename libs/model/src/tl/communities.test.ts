import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { adjacencyOf, communitiesFixture } from '../test/graph-fixture.js';
import {
  adjacencyCommunities,
  communities,
  communitiesWithCount,
  modularity,
  renumberBySize,
} from './communities.js';
import { neighbors } from './neighbors.js';

// Two triangles joined by one edge (2-3).
const twoTriangles = adjacencyOf(6, [
  [0, 1],
  [1, 2],
  [0, 2],
  [3, 4],
  [4, 5],
  [3, 5],
  [2, 3],
]);

describe('communities', () => {
  const adjacency = adjacencyOf(communitiesFixture.nodes, communitiesFixture.edges);

  it('computes modularity like igraph', () => {
    expect(modularity(adjacency, Int32Array.from(communitiesFixture.leiden))).toBeCloseTo(
      communitiesFixture.leidenModularity,
      10,
    );
    // Hand case: the two triangles split in two: m = 7, e_c = 3 each, d_c = 7 each.
    expect(modularity(twoTriangles, Int32Array.from([0, 0, 0, 1, 1, 1]))).toBeCloseTo(6 / 7 - 2 * 0.25, 12);
  });

  it('finds the planted partition with leidenalg modularity (Leiden and Louvain)', () => {
    const louvain = adjacencyCommunities(adjacency, { seed: 1, method: 'louvain' });
    expect(new Set(louvain).size).toBe(4);
    expect(modularity(adjacency, louvain)).toBeGreaterThan(communitiesFixture.leidenModularity - 1e-3);
    const labels = adjacencyCommunities(adjacency, { seed: 1 });
    expect(new Set(labels).size).toBe(4);
    expect(modularity(adjacency, labels)).toBeGreaterThan(communitiesFixture.leidenModularity - 1e-3);
    // Sizes 40, 30, 30, 20 -> labels renumbered by size.
    expect(labels[0]).toBe(0);
    expect(labels[communitiesFixture.nodes - 1]).toBe(3);
  });

  it('separates Gaussian blobs through the kNN graph and repeats for a seed', () => {
    const random = createRandom(2);
    const rows = 300;
    const data = new Float32Array(rows * 5);
    for (let i = 0; i < rows; i++)
      for (let t = 0; t < 5; t++) data[i * 5 + t] = random.normal() + (t === i % 3 ? 12 : 0);
    const graph = neighbors({ rows, cols: 5, data }, { k: 15 });
    const a = communities(graph, { seed: 3 });
    expect(new Set(a).size).toBe(3);
    for (let i = 3; i < rows; i++) expect(a[i]).toBe(a[i % 3]);
    expect([...communities(graph, { seed: 3 })]).toEqual([...a]);
    expect([...communities(graph, { seed: 3, method: 'louvain' })]).toEqual([...a]);
  });

  it('renumbers labels by decreasing size', () => {
    expect([...renumberBySize(Int32Array.from([5, 7, 7, 5, 7, 2]))]).toEqual([1, 0, 0, 1, 0, 2]);
  });

  it('searches the resolution that gives a asked number of communities', () => {
    for (const count of [2, 4, 6]) {
      const labels = communitiesWithCount(adjacency, count, { seed: 1 });
      expect(labels).not.toBeNull();
      expect(new Set(labels).size).toBe(count);
    }
    // The two triangles: no resolution splits them into more than six communities.
    expect(communitiesWithCount(twoTriangles, 7)).toBeNull();
  });
});

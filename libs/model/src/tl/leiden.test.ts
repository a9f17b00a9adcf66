import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { adjacencyOf, communitiesFixture } from '../test/graph-fixture.js';
import { modularity, type Adjacency } from './communities.js';
import { leiden } from './leiden.js';
import { neighbors, symmetricAdjacency } from './neighbors.js';

/** Whether every community induces a connected subgraph (Leiden's guarantee). */
function communitiesConnected(adjacency: Adjacency, labels: Int32Array): boolean {
  const seen = new Uint8Array(adjacency.nodes);
  const started = new Set<number>();
  for (let s = 0; s < adjacency.nodes; s++) {
    if (seen[s]) continue;
    if (started.has(labels[s])) return false;
    started.add(labels[s]);
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (let p = adjacency.indptr[v]; p < adjacency.indptr[v + 1]; p++) {
        const u = adjacency.indices[p];
        if (!seen[u] && labels[u] === labels[v]) {
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
  }
  return true;
}

describe('leiden', () => {
  it('finds the planted partition with leidenalg modularity', () => {
    const adjacency = adjacencyOf(communitiesFixture.nodes, communitiesFixture.edges);
    const labels = leiden(adjacency, { seed: 1 });
    expect(new Set(labels).size).toBe(4);
    expect(modularity(adjacency, labels)).toBeGreaterThan(communitiesFixture.leidenModularity - 1e-3);
  });

  it('gives connected communities of high modularity on a kNN graph, repeatably for a seed', () => {
    const random = createRandom(8);
    const rows = 600;
    const data = new Float32Array(rows * 6);
    for (let i = 0; i < rows; i++)
      for (let t = 0; t < 6; t++) data[i * 6 + t] = random.normal() + (t === i % 4 ? 3 : 0);
    const adjacency = symmetricAdjacency(neighbors({ rows, cols: 6, data }, { k: 15 }));
    const labels = leiden(adjacency, { seed: 5 });
    expect(communitiesConnected(adjacency, labels)).toBe(true);
    expect([...leiden(adjacency, { seed: 5 })]).toEqual([...labels]);
    // Higher resolution, more communities.
    expect(new Set(leiden(adjacency, { seed: 5, resolution: 3 })).size).toBeGreaterThan(new Set(labels).size);
    expect(modularity(adjacency, labels)).toBeGreaterThan(0.5);
  });

  it('leaves isolated nodes alone and handles an edgeless graph', () => {
    const adjacency = adjacencyOf(5, [[0, 1]]);
    const labels = leiden(adjacency, { seed: 1 });
    expect(labels[0]).toBe(labels[1]);
    expect(new Set(labels).size).toBe(4);
    expect([...leiden(adjacencyOf(3, []))]).toEqual([0, 1, 2]);
  });
});

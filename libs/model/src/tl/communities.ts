import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { createRandom } from '../random.js';
import { leiden } from './leiden.js';
import { symmetricAdjacency, type NeighborGraph } from './neighbors.js';

// The package is CommonJS (`module.exports = louvain`) typed as `export default`: under NodeNext the default import
// is the function itself at run time, but TypeScript types it as the module object.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** Options of {@link communities}. */
export interface CommunitiesOptions {
  /**
   * `leiden` (default): our Leiden (leiden.ts), as leidenalg's RBConfiguration partition. `louvain`: graphology's
   * Louvain (graphology-communities-louvain).
   */
  method?: 'leiden' | 'louvain';
  /** Modularity resolution; higher gives more, smaller communities. Default 1. */
  resolution?: number;
  /** Seed of the node visiting order. Default 0. */
  seed?: number;
}

/**
 * Communities of the unweighted symmetrised kNN graph by modularity optimisation (Leiden or Louvain) at a
 * resolution, as the `pca-leiden` baseline's graph step. Returns one community per node, renumbered 0..c-1 by decreasing size (ties:
 * first node), so labels are stable for a seed.
 */
export function communities(graph: NeighborGraph, options: CommunitiesOptions = {}): Int32Array {
  return adjacencyCommunities(symmetricAdjacency(graph), options);
}

/** An undirected unweighted graph as CSR adjacency: node i's neighbours are `indices[indptr[i]..indptr[i+1])`. */
export interface Adjacency {
  nodes: number;
  indptr: Int32Array;
  indices: Int32Array;
}

/** {@link communities} of any undirected unweighted graph given as symmetric CSR adjacency. */
export function adjacencyCommunities(adjacency: Adjacency, options: CommunitiesOptions = {}): Int32Array {
  if ((options.method ?? 'leiden') === 'leiden') {
    return renumberBySize(
      leiden(adjacency, { resolution: options.resolution ?? 1, seed: options.seed ?? 0 }),
    );
  }
  const g = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  for (let i = 0; i < adjacency.nodes; i++) g.addNode(i);
  for (let i = 0; i < adjacency.nodes; i++) {
    for (let p = adjacency.indptr[i]; p < adjacency.indptr[i + 1]; p++) {
      const j = adjacency.indices[p];
      if (j > i) g.addUndirectedEdge(i, j);
    }
  }
  const random = createRandom(options.seed ?? 0);
  const mapping = louvain(g, { resolution: options.resolution ?? 1, rng: random.next, getEdgeWeight: null });
  const raw = new Int32Array(adjacency.nodes);
  for (let i = 0; i < adjacency.nodes; i++) raw[i] = mapping[String(i)];
  return renumberBySize(raw);
}

/**
 * Leiden communities at the resolution that gives exactly `count` of them, found by bisection of the resolution on
 * a log scale over [0.01, 20] (what one does by hand with scanpy's `resolution`); null when 16 halvings find no
 * resolution giving that count.
 */
export function communitiesWithCount(
  adjacency: Adjacency,
  count: number,
  options: { seed?: number } = {},
): Int32Array | null {
  let low = Math.log(0.01);
  let high = Math.log(20);
  for (let i = 0; i < 16; i++) {
    const resolution = Math.exp((low + high) / 2);
    const labels = adjacencyCommunities(adjacency, { method: 'leiden', resolution, seed: options.seed ?? 0 });
    let found = 0; // (a loop: spreading 100,000 labels into Math.max overflows the stack)
    for (const label of labels) found = Math.max(found, label + 1);
    if (found === count) return labels;
    if (found < count) low = Math.log(resolution);
    else high = Math.log(resolution);
  }
  return null;
}

/** Renumbers labels 0..c-1 by decreasing community size, ties by first occurrence. */
export function renumberBySize(labels: Int32Array): Int32Array {
  const sizes = new Map<number, { size: number; first: number }>();
  labels.forEach((label, i) => {
    const entry = sizes.get(label);
    if (entry) entry.size++;
    else sizes.set(label, { size: 1, first: i });
  });
  const order = [...sizes.entries()].sort((a, b) => b[1].size - a[1].size || a[1].first - b[1].first);
  const newLabel = new Map(order.map(([label], index) => [label, index]));
  return labels.map((label) => newLabel.get(label) as number);
}

/**
 * Newman-Girvan modularity (with resolution, as leidenalg's RBConfiguration quality / 2m) of a partition of an
 * unweighted undirected graph: sum over communities of e_c/m - resolution (d_c / 2m)^2.
 */
export function modularity(adjacency: Adjacency, labels: Int32Array, resolution = 1): number {
  const twiceEdges = adjacency.indptr[adjacency.nodes];
  let maxLabel = 0;
  for (const label of labels) maxLabel = Math.max(maxLabel, label);
  const inside = new Float64Array(maxLabel + 1);
  const degrees = new Float64Array(maxLabel + 1);
  for (let i = 0; i < adjacency.nodes; i++) {
    degrees[labels[i]] += adjacency.indptr[i + 1] - adjacency.indptr[i];
    for (let p = adjacency.indptr[i]; p < adjacency.indptr[i + 1]; p++) {
      if (labels[adjacency.indices[p]] === labels[i]) inside[labels[i]]++;
    }
  }
  let q = 0;
  for (let c = 0; c <= maxLabel; c++)
    q += inside[c] / twiceEdges - resolution * (degrees[c] / twiceEdges) ** 2;
  return q;
}

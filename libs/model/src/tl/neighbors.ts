import type { DenseMatrix } from '../matrix.js';

/** Options of {@link neighbors}. */
export interface NeighborsOptions {
  /** Neighbours per row, not counting the row itself. Default 15. */
  k?: number;
}

/** A k-nearest-neighbour graph: row i's neighbours are `indices[i*k .. i*k+k)`, nearest first. */
export interface NeighborGraph {
  k: number;
  /** rows x k neighbour indices. */
  indices: Int32Array;
  /** rows x k Euclidean distances, ascending within each row. */
  distances: Float32Array;
}

/**
 * Exact k nearest neighbours of every row by Euclidean distance, excluding the row itself (ties: lower index first).
 * Each pair's distance is computed once (|a|^2 + |b|^2 - 2 a.b in Float64, four rows at a time) and offered to both
 * rows' lists, so the cost is n^2 d / 2 multiply-adds.
 */
export function neighbors(x: DenseMatrix, options: NeighborsOptions = {}): NeighborGraph {
  const n = x.rows;
  const d = x.cols;
  const k = Math.min(options.k ?? 15, n - 1);
  if (k < 1) throw new RangeError('neighbors needs at least two rows');
  const data = Float64Array.from(x.data);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let t = 0; t < d; t++) sum += data[i * d + t] ** 2;
    norms[i] = sum;
  }
  const bestDistance = new Float64Array(n * k).fill(Infinity);
  const bestIndex = new Int32Array(n * k).fill(-1);

  // Inserts candidate j at distance dist into row i's sorted list when it beats the current k-th.
  const offer = (i: number, j: number, dist: number): void => {
    const base = i * k;
    if (!(dist < bestDistance[base + k - 1])) return;
    let position = k - 1;
    while (position > 0 && bestDistance[base + position - 1] > dist) {
      bestDistance[base + position] = bestDistance[base + position - 1];
      bestIndex[base + position] = bestIndex[base + position - 1];
      position--;
    }
    bestDistance[base + position] = dist;
    bestIndex[base + position] = j;
  };

  for (let i = 0; i < n; i++) {
    const oi = i * d;
    const normI = norms[i];
    let j = i + 1;
    for (; j + 3 < n; j += 4) {
      const o0 = j * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < d; t++) {
        const v = data[oi + t];
        s0 += v * data[o0 + t];
        s1 += v * data[o1 + t];
        s2 += v * data[o2 + t];
        s3 += v * data[o3 + t];
      }
      const d0 = Math.max(normI + norms[j] - 2 * s0, 0);
      const d1 = Math.max(normI + norms[j + 1] - 2 * s1, 0);
      const d2 = Math.max(normI + norms[j + 2] - 2 * s2, 0);
      const d3 = Math.max(normI + norms[j + 3] - 2 * s3, 0);
      offer(i, j, d0);
      offer(j, i, d0);
      offer(i, j + 1, d1);
      offer(j + 1, i, d1);
      offer(i, j + 2, d2);
      offer(j + 2, i, d2);
      offer(i, j + 3, d3);
      offer(j + 3, i, d3);
    }
    for (; j < n; j++) {
      const oj = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += data[oi + t] * data[oj + t];
      const dist = Math.max(normI + norms[j] - 2 * s, 0);
      offer(i, j, dist);
      offer(j, i, dist);
    }
  }
  const distances = Float32Array.from(bestDistance, Math.sqrt);
  return { k, indices: bestIndex, distances };
}

/**
 * The undirected, unweighted graph of a kNN result: an edge {i, j} when j is among i's neighbours or i among j's
 * (the symmetrised graph of `../shared/tools/run_classic.py`). Returned as CSR adjacency, each edge stored in both
 * directions, neighbours of a node ascending.
 */
export function symmetricAdjacency(graph: NeighborGraph): {
  nodes: number;
  indptr: Int32Array;
  indices: Int32Array;
} {
  const { k, indices } = graph;
  const nodes = indices.length / k;
  const degree = new Int32Array(nodes + 1);
  for (let i = 0; i < nodes; i++) {
    for (let r = 0; r < k; r++) {
      degree[i + 1]++;
      degree[indices[i * k + r] + 1]++;
    }
  }
  const indptr = new Int32Array(nodes + 1);
  for (let i = 0; i < nodes; i++) indptr[i + 1] = indptr[i] + degree[i + 1];
  const raw = new Int32Array(indptr[nodes]);
  const next = indptr.slice(0, nodes);
  for (let i = 0; i < nodes; i++) {
    for (let r = 0; r < k; r++) {
      const j = indices[i * k + r];
      raw[next[i]++] = j;
      raw[next[j]++] = i;
    }
  }
  // Sort each node's list and drop duplicates (mutual neighbours appear twice).
  const outPtr = new Int32Array(nodes + 1);
  let q = 0;
  for (let i = 0; i < nodes; i++) {
    const row = raw.subarray(indptr[i], indptr[i + 1]).sort();
    let last = -1;
    for (let r = 0; r < row.length; r++) {
      if (row[r] !== last && row[r] !== i) raw[q++] = row[r];
      last = row[r];
    }
    outPtr[i + 1] = q;
  }
  return { nodes, indptr: outPtr, indices: raw.slice(0, q) };
}

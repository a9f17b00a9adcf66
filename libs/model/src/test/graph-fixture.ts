/** Test graphs: the leidenalg reference fixture and small hand-made graphs, as `Adjacency` (CSR of both directions). */
import { readFileSync } from 'node:fs';
import type { Adjacency } from '../tl/communities.js';

/**
 * A planted partition (sizes 40, 30, 30, 20) and leidenalg's answer on it (RBConfiguration, resolution 1, on
 * igraph), made by libs/model/fixtures/make_classic_fixtures.py.
 */
export const communitiesFixture = JSON.parse(
  readFileSync(new URL('../../fixtures/communities.json', import.meta.url), 'utf8'),
) as {
  nodes: number;
  edges: [number, number][];
  truth: number[];
  leiden: number[];
  leidenModularity: number;
};

/** The undirected graph of `nodes` nodes and `edges` as an `Adjacency`, each node's neighbours sorted. */
export function adjacencyOf(nodes: number, edges: [number, number][]): Adjacency {
  const lists: number[][] = Array.from({ length: nodes }, () => []);
  for (const [a, b] of edges) {
    lists[a].push(b);
    lists[b].push(a);
  }
  lists.forEach((list) => list.sort((a, b) => a - b));
  const indptr = new Int32Array(nodes + 1);
  lists.forEach((list, i) => (indptr[i + 1] = indptr[i] + list.length));
  return { nodes, indptr, indices: Int32Array.from(lists.flat()) };
}

import { createRandom, type Random } from '../random.js';
import type { Adjacency } from './communities.js';

/** Options of {@link leiden}. */
export interface LeidenOptions {
  /** Resolution γ of the modularity (leidenalg's RBConfigurationVertexPartition). Default 1. */
  resolution?: number;
  /** Seed of the node orders and of the randomised refinement. Default 0. */
  seed?: number;
  /** Rounds of the whole algorithm, each starting from the last partition; leidenalg's default 2. */
  iterations?: number;
  /** Randomness θ of the refinement's merge choice (leidenalg's default 0.01). */
  randomness?: number;
}

/** A weighted undirected graph level: CSR neighbours without self-loops, self-loop weights and node degrees. */
interface Level {
  nodes: number;
  indptr: Int32Array;
  indices: Int32Array;
  weights: Float64Array;
  selfLoops: Float64Array;
  /** Sum of incident edge weights, self-loops counted twice. */
  degrees: Float64Array;
}

function levelOf(adjacency: Adjacency): Level {
  const { nodes, indptr, indices } = adjacency;
  const weights = new Float64Array(indices.length).fill(1);
  const degrees = new Float64Array(nodes);
  for (let v = 0; v < nodes; v++) degrees[v] = indptr[v + 1] - indptr[v];
  return { nodes, indptr, indices, weights, selfLoops: new Float64Array(nodes), degrees };
}

/** Renumbers community ids to 0..c-1 in order of first appearance; returns c. */
function compact(membership: Int32Array): number {
  const map = new Int32Array(membership.length).fill(-1);
  let next = 0;
  for (let v = 0; v < membership.length; v++) {
    const c = membership[v];
    if (map[c] < 0) map[c] = next++;
    membership[v] = map[c];
  }
  return next;
}

/**
 * Leiden's fast local moving: nodes visited from a queue (random initial order), each moved to the community of
 * largest modularity gain (an empty one when every gain is negative); a moved node's neighbours outside its new
 * community are queued again. `membership` is updated in place; ids stay below `nodes`.
 */
function fastLocalMove(
  level: Level,
  membership: Int32Array,
  gamma: number,
  twoM: number,
  random: Random,
): void {
  const { nodes, indptr, indices, weights, degrees } = level;
  const communityDegree = new Float64Array(nodes);
  const communitySize = new Int32Array(nodes);
  for (let v = 0; v < nodes; v++) {
    communityDegree[membership[v]] += degrees[v];
    communitySize[membership[v]]++;
  }
  const empty: number[] = [];
  for (let c = nodes - 1; c >= 0; c--) if (communitySize[c] === 0) empty.push(c);
  const queue = random.shuffle(Int32Array.from({ length: nodes }, (_, v) => v));
  const inQueue = new Uint8Array(nodes).fill(1);
  let head = 0;
  let queued = nodes;
  const weightTo = new Float64Array(nodes);
  const touched = new Int32Array(nodes);
  while (queued > 0) {
    const v = queue[head];
    head = (head + 1) % nodes;
    queued--;
    inQueue[v] = 0;
    const current = membership[v];
    const kv = degrees[v];
    let touchedCount = 0;
    for (let p = indptr[v]; p < indptr[v + 1]; p++) {
      const c = membership[indices[p]];
      if (weightTo[c] === 0) touched[touchedCount++] = c;
      weightTo[c] += weights[p];
    }
    communityDegree[current] -= kv;
    communitySize[current]--;
    if (communitySize[current] === 0) empty.push(current);
    const scale = (gamma * kv) / twoM;
    let best = current;
    let bestGain = weightTo[current] - scale * communityDegree[current];
    for (let t = 0; t < touchedCount; t++) {
      const c = touched[t];
      const gain = weightTo[c] - scale * communityDegree[c];
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
    }
    if (bestGain < 0) best = empty[empty.length - 1];
    for (let t = 0; t < touchedCount; t++) weightTo[touched[t]] = 0;
    if (communitySize[best] === 0) empty.splice(empty.lastIndexOf(best), 1);
    communityDegree[best] += kv;
    communitySize[best]++;
    membership[v] = best;
    if (best !== current) {
      for (let p = indptr[v]; p < indptr[v + 1]; p++) {
        const u = indices[p];
        if (!inQueue[u] && membership[u] !== best) {
          queue[(head + queued) % nodes] = u;
          queued++;
          inQueue[u] = 1;
        }
      }
    }
  }
}

/**
 * Leiden's refinement: within each community of `membership`, nodes start alone and well-connected singletons merge
 * into well-connected sub-communities, chosen at random with probability ∝ exp(gain / θ) among non-negative gains.
 * Returns the refined membership (ids 0..r-1); each refined community lies inside one community of `membership`.
 */
function refine(
  level: Level,
  membership: Int32Array,
  gamma: number,
  twoM: number,
  theta: number,
  random: Random,
): Int32Array {
  const { nodes, indptr, indices, weights, degrees } = level;
  const communities = compact(Int32Array.from(membership));
  const groupOf = Int32Array.from(membership);
  compact(groupOf);
  const groupDegree = new Float64Array(communities);
  for (let v = 0; v < nodes; v++) groupDegree[groupOf[v]] += degrees[v];
  const refined = Int32Array.from({ length: nodes }, (_, v) => v);
  const refinedDegree = Float64Array.from(degrees);
  const refinedSize = new Int32Array(nodes).fill(1);
  // Weight from each refined community to the rest of its group: starts as the node's weight inside its group.
  const external = new Float64Array(nodes);
  for (let v = 0; v < nodes; v++) {
    for (let p = indptr[v]; p < indptr[v + 1]; p++)
      if (groupOf[indices[p]] === groupOf[v]) external[v] += weights[p];
  }
  const order = random.shuffle(Int32Array.from({ length: nodes }, (_, v) => v));
  const weightTo = new Float64Array(nodes);
  const touched = new Int32Array(nodes);
  const gains = new Float64Array(nodes + 1);
  const candidates = new Int32Array(nodes + 1);
  for (const v of order) {
    if (refinedSize[refined[v]] !== 1) continue;
    const group = groupOf[v];
    const kv = degrees[v];
    const groupK = groupDegree[group];
    if (external[v] < (gamma * kv * (groupK - kv)) / twoM) continue;
    let touchedCount = 0;
    for (let p = indptr[v]; p < indptr[v + 1]; p++) {
      const u = indices[p];
      if (groupOf[u] !== group) continue;
      const s = refined[u];
      if (weightTo[s] === 0) touched[touchedCount++] = s;
      weightTo[s] += weights[p];
    }
    // Staying alone has gain 0; other sub-communities must be well connected to the rest of the group.
    let count = 0;
    candidates[count] = refined[v];
    gains[count++] = 0;
    let maxGain = 0;
    for (let t = 0; t < touchedCount; t++) {
      const s = touched[t];
      if (s === refined[v]) continue;
      const ks = refinedDegree[s];
      if (external[s] < (gamma * ks * (groupK - ks)) / twoM) continue;
      const gain = weightTo[s] - (gamma * kv * ks) / twoM;
      if (gain >= 0) {
        candidates[count] = s;
        gains[count++] = gain;
        if (gain > maxGain) maxGain = gain;
      }
    }
    let total = 0;
    for (let q = 0; q < count; q++) total += gains[q] = Math.exp((gains[q] - maxGain) / theta);
    let draw = random.next() * total;
    let chosen = candidates[count - 1];
    for (let q = 0; q < count; q++) {
      draw -= gains[q];
      if (draw < 0) {
        chosen = candidates[q];
        break;
      }
    }
    if (chosen !== refined[v]) {
      const own = refined[v];
      external[chosen] = external[chosen] + external[own] - 2 * weightTo[chosen];
      refinedDegree[chosen] += kv;
      refinedSize[chosen]++;
      refinedSize[own] = 0;
      refined[v] = chosen;
    }
    for (let t = 0; t < touchedCount; t++) weightTo[touched[t]] = 0;
  }
  compact(refined);
  return refined;
}

/** The graph whose nodes are the communities of `membership` (ids 0..c-1), edge weights summed, inner edges as loops. */
function aggregate(level: Level, membership: Int32Array, count: number): Level {
  const { nodes, indptr, indices, weights } = level;
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < nodes; v++) members[membership[v]].push(v);
  const selfLoops = new Float64Array(count);
  const degrees = new Float64Array(count);
  const newIndptr = new Int32Array(count + 1);
  const newIndices: number[] = [];
  const newWeights: number[] = [];
  const weightTo = new Float64Array(count);
  const touched = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    let touchedCount = 0;
    for (const v of members[c]) {
      degrees[c] += level.degrees[v];
      selfLoops[c] += level.selfLoops[v];
      for (let p = indptr[v]; p < indptr[v + 1]; p++) {
        const d = membership[indices[p]];
        if (d === c) {
          selfLoops[c] += weights[p] / 2; // each inner edge is seen from both ends
          continue;
        }
        if (weightTo[d] === 0) touched[touchedCount++] = d;
        weightTo[d] += weights[p];
      }
    }
    touched.subarray(0, touchedCount).sort();
    for (let t = 0; t < touchedCount; t++) {
      newIndices.push(touched[t]);
      newWeights.push(weightTo[touched[t]]);
      weightTo[touched[t]] = 0;
    }
    newIndptr[c + 1] = newIndices.length;
  }
  return {
    nodes: count,
    indptr: newIndptr,
    indices: Int32Array.from(newIndices),
    weights: Float64Array.from(newWeights),
    selfLoops,
    degrees,
  };
}

/**
 * Leiden community detection (Traag, Waltman & van Eck 2019) maximising modularity with resolution γ on an
 * unweighted undirected graph, as leidenalg's `RBConfigurationVertexPartition`: fast local moving, refinement,
 * aggregation of the refined partition (started from the unrefined one), repeated until every community is one
 * aggregate node; the whole is run `iterations` times. Returns one community per node (ids 0..c-1).
 */
export function leiden(adjacency: Adjacency, options: LeidenOptions = {}): Int32Array {
  const gamma = options.resolution ?? 1;
  const theta = options.randomness ?? 0.01;
  const random = createRandom(options.seed ?? 0);
  const base = levelOf(adjacency);
  let twoM = 0;
  for (let v = 0; v < base.nodes; v++) twoM += base.degrees[v];
  const result = Int32Array.from({ length: base.nodes }, (_, v) => v);
  if (twoM === 0) return result;
  for (let iteration = 0; iteration < (options.iterations ?? 2); iteration++) {
    let level = base;
    // nodeOf[v]: the node of the current level holding original node v.
    const nodeOf = Int32Array.from({ length: base.nodes }, (_, v) => v);
    let membership = Int32Array.from(result);
    compact(membership);
    for (;;) {
      fastLocalMove(level, membership, gamma, twoM, random);
      const count = compact(membership);
      if (count === level.nodes) break;
      let refined = refine(level, membership, gamma, twoM, theta, random);
      let refinedCount = 0;
      for (let v = 0; v < level.nodes; v++) refinedCount = Math.max(refinedCount, refined[v] + 1);
      if (refinedCount === level.nodes) {
        // Nothing merged in the refinement: aggregate the unrefined communities instead (as Louvain), so each
        // level is smaller than the last and the loop ends.
        refined = Int32Array.from(membership);
        refinedCount = count;
      }
      const next = aggregate(level, refined, refinedCount);
      const nextMembership = new Int32Array(refinedCount);
      for (let v = 0; v < level.nodes; v++) nextMembership[refined[v]] = membership[v];
      for (let v = 0; v < base.nodes; v++) nodeOf[v] = refined[nodeOf[v]];
      level = next;
      membership = nextMembership;
    }
    for (let v = 0; v < base.nodes; v++) result[v] = membership[nodeOf[v]];
  }
  compact(result);
  return result;
}

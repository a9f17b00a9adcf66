import type { DenseMatrix } from '../matrix.js';
import { createRandom, type Random } from '../random.js';

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Number of clusters. */
  k: number;
  /** Restarts from different k-means++ seeds; the one of lowest inertia wins. Default 20. */
  nInit?: number;
  /** Lloyd iterations per restart. Default 300. */
  maxIter?: number;
  /** Stop when the centres move less than `tol` x the mean per-feature variance (scikit-learn's rule). Default 1e-4. */
  tol?: number;
  /** Seed of the k-means++ draws. Default 0. */
  seed?: number;
}

/** Result of {@link kmeans}. */
export interface KMeansResult {
  /** Cluster of each row, 0..k-1. */
  labels: Int32Array;
  /** k x cols centres. */
  centres: DenseMatrix;
  /** Sum of squared distances of the rows to their centres. */
  inertia: number;
  /** Lloyd iterations of the winning restart. */
  iterations: number;
}

function squaredDistance(
  x: Float64Array,
  xOffset: number,
  c: Float64Array,
  cOffset: number,
  d: number,
): number {
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const diff = x[xOffset + t] - c[cOffset + t];
    sum += diff * diff;
  }
  return sum;
}

/** Greedy k-means++ (scikit-learn's): each new centre is the best of 2 + ln k candidates drawn by D^2 weighting. */
function kmeansPlusPlus(x: Float64Array, n: number, d: number, k: number, random: Random): Float64Array {
  const centres = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = random.int(n);
  centres.set(x.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(x, i * d, centres, 0, d);
  const cumulative = new Float64Array(n);
  const candidateDistances = new Float64Array(n);
  const bestDistances = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) cumulative[i] = running += closest[i];
    let bestCandidate = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const target = random.next() * running;
      // Binary search for the first cumulative value above target.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      const candidate = lo;
      let candidatePotential = 0;
      for (let i = 0; i < n; i++) {
        const dist = Math.min(closest[i], squaredDistance(x, i * d, x, candidate * d, d));
        candidateDistances[i] = dist;
        candidatePotential += dist;
      }
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestCandidate = candidate;
        bestDistances.set(candidateDistances);
      }
    }
    centres.set(x.subarray(bestCandidate * d, bestCandidate * d + d), c * d);
    closest.set(bestDistances);
  }
  return centres;
}

/** Assigns each row to its nearest centre; returns the inertia and writes labels and distances. */
function assign(
  x: Float64Array,
  n: number,
  d: number,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  distances: Float64Array,
): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDistance = Infinity;
    const offset = i * d;
    for (let c = 0; c < k; c++) {
      const cOffset = c * d;
      let sum = 0;
      for (let t = 0; t < d && sum < bestDistance; t++) {
        const diff = x[offset + t] - centres[cOffset + t];
        sum += diff * diff;
      }
      if (sum < bestDistance) {
        bestDistance = sum;
        best = c;
      }
    }
    labels[i] = best;
    distances[i] = bestDistance;
    inertia += bestDistance;
  }
  return inertia;
}

/** One Lloyd restart from `centres` (updated in place). */
function lloyd(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  centres: Float64Array,
  maxIter: number,
  tolerance: number,
): { labels: Int32Array; inertia: number; iterations: number } {
  const labels = new Int32Array(n);
  const previous = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let iterations = 0;
  let strictlyConverged = false;
  for (; iterations < maxIter;) {
    assign(x, n, d, centres, k, labels, distances);
    iterations++;
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== previous[i]) {
        changed = true;
        break;
      }
    }
    if (!changed) {
      strictlyConverged = true;
      break;
    }
    previous.set(labels);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const offset = i * d;
      const cOffset = c * d;
      for (let t = 0; t < d; t++) sums[cOffset + t] += x[offset + t];
    }
    // An empty cluster takes the row farthest from its centre (scikit-learn's relocation).
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) continue;
      let far = 0;
      for (let i = 1; i < n; i++) if (distances[i] > distances[far]) far = i;
      const from = labels[far];
      distances[far] = 0;
      counts[from]--;
      counts[c] = 1;
      for (let t = 0; t < d; t++) {
        sums[from * d + t] -= x[far * d + t];
        sums[c * d + t] = x[far * d + t];
      }
      labels[far] = c;
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      for (let t = 0; t < d; t++) {
        const value = sums[c * d + t] / counts[c];
        const diff = value - centres[c * d + t];
        shift += diff * diff;
        centres[c * d + t] = value;
      }
    }
    if (shift <= tolerance) break;
  }
  // Unless the last assignment already used the final centres, the labels follow the centres once more.
  let inertia = 0;
  if (strictlyConverged) for (let i = 0; i < n; i++) inertia += distances[i];
  else inertia = assign(x, n, d, centres, k, labels, distances);
  return { labels, inertia, iterations };
}

/**
 * k-means with greedy k-means++ initialisation, `nInit` restarts and Lloyd iterations, as scikit-learn's `KMeans`
 * (computed in Float64). Returns the labels, centres and inertia of the restart of lowest inertia; the same seed
 * gives the same result.
 */
export function kmeans(x: DenseMatrix, options: KMeansOptions): KMeansResult {
  const { k } = options;
  const nInit = options.nInit ?? 20;
  const maxIter = options.maxIter ?? 300;
  const tol = options.tol ?? 1e-4;
  const n = x.rows;
  const d = x.cols;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new RangeError(`k must be an integer in 1..${n}, got ${k}`);
  const data = Float64Array.from(x.data);
  // scikit-learn scales tol by the mean variance of the features.
  let meanVariance = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + t];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (data[i * d + t] - mean) ** 2;
    meanVariance += variance / n;
  }
  meanVariance /= Math.max(d, 1);
  const random = createRandom(options.seed ?? 0);
  let best: { labels: Int32Array; inertia: number; iterations: number; centres: Float64Array } | null = null;
  for (let run = 0; run < nInit; run++) {
    const centres = kmeansPlusPlus(data, n, d, k, random);
    const result = lloyd(data, n, d, k, centres, maxIter, tol * meanVariance);
    if (best === null || result.inertia < best.inertia) best = { ...result, centres };
  }
  if (best === null) throw new RangeError('nInit must be at least 1');
  return {
    labels: best.labels,
    centres: { rows: k, cols: d, data: Float32Array.from(best.centres) },
    inertia: best.inertia,
    iterations: best.iterations,
  };
}

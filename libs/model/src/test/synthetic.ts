/** Test data: a seeded mixture of count profiles (Poisson with log-normal cell effects, i.e. overdispersed). */
import type { CsrMatrix } from '../matrix.js';
import type { ScsamacOptionsInput } from '../scsamac/options.js';
import { createRandom } from '../random.js';

function poisson(lambda: number, next: () => number): number {
  // Knuth's method; fine for the small means used here.
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

/** `groups` clusters of `perGroup` cells over `genes` genes; each group has `genes / groups` marker genes 6x up. */
export function syntheticCounts(
  groups: number,
  perGroup: number,
  genes: number,
  seed: number,
): { matrix: CsrMatrix; labels: Int32Array } {
  const random = createRandom(seed);
  const base = Float64Array.from({ length: genes }, () => Math.exp(random.normal() * 0.7));
  const block = Math.floor(genes / groups);
  const rows = groups * perGroup;
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  const labels = new Int32Array(rows);
  const order = random.shuffle(Int32Array.from({ length: rows }, (_, i) => i));
  for (let r = 0; r < rows; r++) {
    const group = order[r] % groups;
    labels[r] = group;
    const library = Math.exp(random.normal() * 0.3);
    for (let j = 0; j < genes; j++) {
      const marker = j >= group * block && j < (group + 1) * block;
      const mean = base[j] * library * (marker ? 6 : 1) * Math.exp(random.normal() * 0.4);
      const count = poisson(mean, random.next);
      if (count > 0) {
        indices.push(j);
        data.push(count);
      }
    }
    indptr[r + 1] = indices.length;
  }
  return {
    matrix: { rows, cols: genes, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) },
    labels,
  };
}

/** Adjusted Rand index (tests only; the product's metrics live in @scsamac/metrics). */
export function adjustedRand(a: Int32Array, b: Int32Array): number {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const table = new Map<string, number>();
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    table.set(`${a[i]},${b[i]}`, (table.get(`${a[i]},${b[i]}`) ?? 0) + 1);
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  const index = [...table.values()].reduce((s, v) => s + pairs(v), 0);
  const sa = [...ca.values()].reduce((s, v) => s + pairs(v), 0);
  const sb = [...cb.values()].reduce((s, v) => s + pairs(v), 0);
  const expected = (sa * sb) / pairs(a.length);
  return (index - expected) / ((sa + sb) / 2 - expected);
}

/** The mixture the scSAMAC tests and `bench/debug-synthetic.ts` train on: 3 groups of 70 cells over 150 genes. */
export function quickMixture(seed = 42): { matrix: CsrMatrix; labels: Int32Array } {
  return syntheticCounts(3, 70, 150, seed);
}

/**
 * Short scSAMAC budgets for {@link quickMixture}, so a test file runs in well under a minute; the benchmark runs
 * the real schedule.
 */
export const quickScsamacOptions: ScsamacOptionsInput = {
  k: 3,
  seed: 5,
  batchSize: 64,
  pretrainSteps: 40,
  clusterSteps: 12,
  kmeansRestarts: 5,
};

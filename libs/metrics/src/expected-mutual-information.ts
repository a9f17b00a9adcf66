import type { ContingencyTable } from './contingency.js';
import { logGamma } from './special-functions.js';

// Terms of one hypergeometric sum are added outward from its mode until the probability drops below this
// fraction of the mode's; the distribution is log-concave, so what is left is far below double precision.
const NEGLIGIBLE = 1e-20;

/**
 * Expected mutual information (nats) between two random labellings with the table's row and column sums, under
 * the hypergeometric model of Vinh, Epps and Bailey (2010); the same quantity as scikit-learn's
 * `expected_mutual_information`.
 *
 * scikit-learn evaluates every term of Σ_i Σ_j Σ_nij with log-gamma calls. Here the sum over (i, j) runs over
 * distinct (row sum, column sum) values with their multiplicities (all-distinct labels collapse to one pair), and
 * each inner sum starts at the hypergeometric mode and walks outward with the probability ratio, stopping once
 * the terms are negligible: 10^6 labels take milliseconds.
 */
export function expectedMutualInformationOfTable(table: ContingencyTable): number {
  const { n, rowSums, colSums } = table;
  if (table.rows === 1 || table.cols === 1) return 0;
  const rowGroups = groupValues(rowSums);
  const colGroups = groupValues(colSums);
  const logN = Math.log(n);
  const logGammaN1 = logGamma(n + 1);
  let emi = 0;
  for (let r = 0; r < rowGroups.values.length; r++) {
    const a = rowGroups.values[r];
    const logA = Math.log(a);
    const logGammaA = logGamma(a + 1) + logGamma(n - a + 1) - logGammaN1;
    for (let c = 0; c < colGroups.values.length; c++) {
      const b = colGroups.values[c];
      const weight = rowGroups.counts[r] * colGroups.counts[c];
      emi += weight * pairSum(n, a, b, logN, logA, logGammaA);
    }
  }
  return emi;
}

/** Σ over nij of (nij/N) log(N nij / (a b)) P(nij), with P hypergeometric(N, a, b). */
function pairSum(n: number, a: number, b: number, logN: number, logA: number, logGammaA: number): number {
  const low = Math.max(1, a + b - n);
  const high = Math.min(a, b);
  if (low > high) return 0;
  const logB = Math.log(b);
  const rest = n - a - b; // N - a - b + nij is the count outside both row and column
  let mode = Math.floor(((a + 1) * (b + 1)) / (n + 2));
  if (mode < low) mode = low;
  if (mode > high) mode = high;
  const logProbabilityAtMode =
    logGammaA +
    logGamma(b + 1) +
    logGamma(n - b + 1) -
    logGamma(mode + 1) -
    logGamma(a - mode + 1) -
    logGamma(b - mode + 1) -
    logGamma(rest + mode + 1);
  const peak = Math.exp(logProbabilityAtMode);
  const term = (k: number, probability: number) => (k / n) * (logN + Math.log(k) - logA - logB) * probability;
  let sum = term(mode, peak);
  // Upward: P(k + 1) / P(k) = (a - k)(b - k) / ((k + 1)(N - a - b + k + 1)).
  let probability = peak;
  for (let k = mode; k < high; k++) {
    probability *= ((a - k) * (b - k)) / ((k + 1) * (rest + k + 1));
    sum += term(k + 1, probability);
    if (probability < NEGLIGIBLE * peak) break;
  }
  // Downward: P(k - 1) / P(k) = k (N - a - b + k) / ((a - k + 1)(b - k + 1)).
  probability = peak;
  for (let k = mode; k > low; k--) {
    probability *= (k * (rest + k)) / ((a - k + 1) * (b - k + 1));
    sum += term(k - 1, probability);
    if (probability < NEGLIGIBLE * peak) break;
  }
  return sum;
}

/** Distinct values of `values` and how often each occurs. */
function groupValues(values: Float64Array): { values: number[]; counts: number[] } {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const distinct = [...counts.keys()].sort((x, y) => x - y);
  return { values: distinct, counts: distinct.map((value) => counts.get(value) as number) };
}

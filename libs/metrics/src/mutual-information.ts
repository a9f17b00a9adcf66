import { z } from 'zod';
import { contingencyTable, type ContingencyTable } from './contingency.js';
import { expectedMutualInformationOfTable } from './expected-mutual-information.js';
import { encodeLabels, type Labels } from './labels.js';
import { parseOptions } from './options.js';

/** How NMI and AMI average the two entropies in their denominator (scikit-learn's `average_method`). */
export const averageMethods = ['arithmetic', 'max', 'geometric', 'min'] as const;

/** One of {@link averageMethods}. `arithmetic` is scikit-learn's default; the scSAMAC paper's NMI uses `max`. */
export type AverageMethod = (typeof averageMethods)[number];

/** Options of {@link normalizedMutualInformation} and {@link adjustedMutualInformation}; defaults live here. */
export const mutualInformationOptionsSchema = z
  .object({
    /** Mean of the two entropies used as normaliser. */
    averageMethod: z.enum(averageMethods).default('arithmetic'),
  })
  .strict();

/** Plain-JSON options of the mutual-information scores (see {@link mutualInformationOptionsSchema}). */
export type MutualInformationOptions = z.input<typeof mutualInformationOptionsSchema>;

const EPSILON = 2 ** -52;
// Relative size of normaliser - EMI below which AMI is treated as 0/0.
const UNDEFINED_BELOW = 1e-10;

/** Shannon entropy (nats) of a partition given its cluster sizes, as scikit-learn's `entropy`. */
function entropyOfSizes(sizes: Float64Array, n: number): number {
  if (sizes.length <= 1) return 0;
  const logN = Math.log(n);
  let sum = 0;
  for (const size of sizes) sum += (size / n) * (Math.log(size) - logN);
  return -sum;
}

/** Shannon entropy (natural log) of a labelling; 0 for a single cluster. Equals scikit-learn's `entropy`. */
export function entropy(labels: Labels): number {
  const { sizes } = encodeLabels(labels);
  return entropyOfSizes(Float64Array.from(sizes), labels.length);
}

/** Mutual information (nats) of a contingency table, as scikit-learn's `mutual_info_score`. */
export function mutualInformationOfTable(table: ContingencyTable): number {
  const { n, rowSums, colSums, cellRows, cellCols, cellCounts } = table;
  if (table.rows === 1 || table.cols === 1) return 0;
  const logN = Math.log(n);
  let mi = 0;
  for (let c = 0; c < cellCounts.length; c++) {
    const count = cellCounts[c];
    const fraction = count / n;
    const logOuter = -Math.log(rowSums[cellRows[c]] * colSums[cellCols[c]]) + logN + logN;
    const term = fraction * (Math.log(count) - logN) + fraction * logOuter;
    // scikit-learn zeroes terms below machine epsilon before summing; doing the same keeps the sums identical.
    if (Math.abs(term) >= EPSILON) mi += term;
  }
  return Math.max(mi, 0);
}

function generalizedAverage(u: number, v: number, method: AverageMethod): number {
  switch (method) {
    case 'min':
      return Math.min(u, v);
    case 'geometric':
      return Math.sqrt(u * v);
    case 'arithmetic':
      return (u + v) / 2;
    case 'max':
      return Math.max(u, v);
  }
}

/** NMI of a contingency table; see {@link normalizedMutualInformation}. */
export function normalizedMutualInformationOfTable(table: ContingencyTable, method: AverageMethod): number {
  // One cluster on both sides: nothing is split, a perfect match by scikit-learn's convention.
  if (table.rows === 1 && table.cols === 1) return 1;
  const mi = mutualInformationOfTable(table);
  if (mi === 0) return 0;
  const normalizer = generalizedAverage(
    entropyOfSizes(table.rowSums, table.n),
    entropyOfSizes(table.colSums, table.n),
    method,
  );
  return mi / normalizer;
}

/** AMI of a contingency table; see {@link adjustedMutualInformation}. */
export function adjustedMutualInformationOfTable(table: ContingencyTable, method: AverageMethod): number {
  if (table.rows === 1 && table.cols === 1) return 1;
  // Identical partitions (up to renaming) have MI = both entropies, so AMI = (H - EMI) / (H - EMI) = 1. Stated
  // outright because for all-distinct labels EMI = H and the quotient is 0/0 in floating point.
  if (table.cellCounts.length === table.rows && table.rows === table.cols) return 1;
  const mi = mutualInformationOfTable(table);
  const emi = expectedMutualInformationOfTable(table);
  const normalizer = generalizedAverage(
    entropyOfSizes(table.rowSums, table.n),
    entropyOfSizes(table.colSums, table.n),
    method,
  );
  let denominator = normalizer - emi;
  // EMI <= MI's bound min(H) <= normaliser, with equality only when every relabelling has the same MI (one side
  // all-distinct with the min average): then MI = EMI too and AMI is 0/0. scikit-learn divides the rounding
  // residue by machine epsilon there; we report 0, no better than chance.
  if (Math.abs(denominator) <= UNDEFINED_BELOW * Math.max(normalizer, 1)) return 0;
  // As scikit-learn: keep the sign, avoid dividing by (almost) zero.
  denominator = denominator < 0 ? Math.min(denominator, -EPSILON) : Math.max(denominator, EPSILON);
  return (mi - emi) / denominator;
}

/** Mutual information (nats) between two labellings; scikit-learn's `mutual_info_score`. */
export function mutualInformation(truth: Labels, pred: Labels): number {
  return mutualInformationOfTable(contingencyTable(truth, pred));
}

/** Expected mutual information (nats) of two random labellings with the given cluster sizes. */
export function expectedMutualInformation(truth: Labels, pred: Labels): number {
  return expectedMutualInformationOfTable(contingencyTable(truth, pred));
}

/**
 * Normalised mutual information in [0, 1]: MI divided by the chosen mean of the two entropies. Equals
 * scikit-learn's `normalized_mutual_info_score` (1 when both labellings are a single cluster).
 */
export function normalizedMutualInformation(
  truth: Labels,
  pred: Labels,
  options?: MutualInformationOptions,
): number {
  const { averageMethod } = parseOptions(mutualInformationOptionsSchema, options);
  return normalizedMutualInformationOfTable(contingencyTable(truth, pred), averageMethod);
}

/**
 * Adjusted mutual information: (MI - E[MI]) / (mean(H_truth, H_pred) - E[MI]); 1 for identical partitions, about
 * 0 for random ones. Equals scikit-learn's `adjusted_mutual_info_score`.
 */
export function adjustedMutualInformation(
  truth: Labels,
  pred: Labels,
  options?: MutualInformationOptions,
): number {
  const { averageMethod } = parseOptions(mutualInformationOptionsSchema, options);
  return adjustedMutualInformationOfTable(contingencyTable(truth, pred), averageMethod);
}

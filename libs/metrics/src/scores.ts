import { bestMappingOfTable, purityOfTable } from './accuracy.js';
import { contingencyTable } from './contingency.js';
import type { Labels } from './labels.js';
import {
  adjustedMutualInformationOfTable,
  mutualInformationOptionsSchema,
  normalizedMutualInformationOfTable,
  type MutualInformationOptions,
} from './mutual-information.js';
import { parseOptions } from './options.js';
import { adjustedRandIndexOfTable } from './rand-index.js';

/** The external clustering scores of one labelling against the truth. */
export interface ClusteringScores {
  /** Adjusted Rand index. */
  ARI: number;
  /** Normalised mutual information (with the chosen average, arithmetic by default). */
  NMI: number;
  /** Adjusted mutual information (same average). */
  AMI: number;
  /** Clustering accuracy under the best one-to-one mapping. */
  CA: number;
  /** Purity. */
  purity: number;
  /** Number of labelled cells. */
  n: number;
}

/** Options of {@link clusteringScores}: the NMI/AMI average (see `mutualInformationOptionsSchema`). */
export type ClusteringScoreOptions = MutualInformationOptions;

/**
 * ARI, NMI, AMI, CA and purity of `pred` against `truth`, from one contingency table. Each value equals its
 * single-score function (and scikit-learn's). Throws {@link MetricsInputError} for empty, mismatched or NaN labels.
 */
export function clusteringScores(
  truth: Labels,
  pred: Labels,
  options?: ClusteringScoreOptions,
): ClusteringScores {
  const { averageMethod } = parseOptions(mutualInformationOptionsSchema, options);
  const table = contingencyTable(truth, pred);
  return {
    ARI: adjustedRandIndexOfTable(table),
    NMI: normalizedMutualInformationOfTable(table, averageMethod),
    AMI: adjustedMutualInformationOfTable(table, averageMethod),
    CA: bestMappingOfTable(table).matched / table.n,
    purity: purityOfTable(table),
    n: table.n,
  };
}

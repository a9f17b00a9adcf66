/**
 * @scsamac/metrics: clustering scores (ARI, NMI, AMI, CA, purity, silhouette) and marker-gene statistics.
 * Pure computation on arrays the caller passes in; no files, database or network.
 */
export { clusteringAccuracy, purity } from './accuracy.js';
export { contingencyTable, type ContingencyTable } from './contingency.js';
export { MetricsInputError, type MetricsErrorCode } from './errors.js';
export { encodeLabels, type EncodedLabels, type Labels } from './labels.js';
export {
  linearSumAssignment,
  assignmentOptionsSchema,
  type Assignment,
  type AssignmentOptions,
} from './linear-sum-assignment.js';
export { benjaminiHochberg } from './markers/benjamini-hochberg.js';
export type { CsrMatrix } from './markers/csr-matrix.js';
export {
  markerGenes,
  markerOptionsSchema,
  type MarkerGene,
  type MarkerGroup,
  type MarkerOptions,
} from './markers/marker-genes.js';
export {
  adjustedMutualInformation,
  averageMethods,
  entropy,
  expectedMutualInformation,
  mutualInformation,
  mutualInformationOptionsSchema,
  normalizedMutualInformation,
  type AverageMethod,
  type MutualInformationOptions,
} from './mutual-information.js';
export { adjustedRandIndex } from './rand-index.js';
export { clusteringScores, type ClusteringScoreOptions, type ClusteringScores } from './scores.js';
export {
  silhouetteSampleIndices,
  silhouetteSamples,
  silhouetteScore,
  silhouetteOptionsSchema,
  type Embedding,
  type SilhouetteOptions,
} from './silhouette.js';
export { erfc, logGamma, twoSidedNormalPValue } from './special-functions.js';

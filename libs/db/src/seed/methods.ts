import type { methods } from '../schema/index.js';

/** A row of the `methods` table. */
export type MethodRow = typeof methods.$inferInsert;

/** Our scSAMAC variants and the baselines the trainer runs. */
const ourMethods: MethodRow[] = [
  {
    id: 'scsamac',
    displayName: 'scSAMAC (NB)',
    kind: 'SCSAMAC',
    description:
      'Negative-binomial autoencoder with saliency-adjusted masking, attention and contrastive clustering losses.',
    reportedName: 'scSAMAC(NB)',
    runnable: true,
  },
  {
    id: 'scsamac-zinb',
    displayName: 'scSAMAC (ZINB)',
    kind: 'SCSAMAC',
    description: 'scSAMAC with a zero-inflated negative-binomial likelihood.',
    reportedName: 'scSAMAC(ZINB)',
    runnable: true,
  },
  {
    id: 'scsamac-no-contrastive',
    displayName: 'scSAMAC without contrastive loss',
    kind: 'SCSAMAC',
    description: 'Ablation: scSAMAC pretrained without the instance-level contrastive loss (paper Fig. 6).',
    reportedName: null,
    runnable: true,
  },
  {
    id: 'scsamac-no-cluster-level',
    displayName: 'scSAMAC without cluster-level loss',
    kind: 'SCSAMAC',
    description: 'Ablation: scSAMAC clustered without the cluster-level contrastive loss (paper Fig. 6).',
    reportedName: null,
    runnable: true,
  },
  {
    id: 'pca-kmeans',
    displayName: 'PCA + k-means',
    kind: 'BASELINE',
    description:
      'Log-normalise, top 2,000 genes by dispersion, scale, PCA to 50 components, k-means with restarts.',
    reportedName: null,
    runnable: true,
  },
  {
    id: 'pca-leiden',
    displayName: 'PCA + Leiden',
    kind: 'BASELINE',
    description: 'The same PCA, a 15-nearest-neighbour graph, Leiden (or Louvain) community detection.',
    reportedName: null,
    runnable: true,
  },
  {
    id: 'scdeepcluster',
    displayName: 'scDeepCluster',
    kind: 'BASELINE',
    description: 'ZINB autoencoder with deep embedded clustering (DEC), built from the same model parts.',
    reportedName: 'scDeepCluster',
    runnable: true,
  },
];

/** Methods known only from the paper's tables. */
const publishedOnly: MethodRow[] = (
  [
    ['scname', 'scNAME', 'scNAME: neighbourhood contrastive clustering with ancillary mask estimation.'],
    ['scdcc', 'scDCC', 'scDCC: deep constrained clustering with a ZINB autoencoder.'],
    ['contrast-sc', 'contrast_sc', 'contrastive-sc: contrastive learning for single-cell clustering.'],
    ['scdssc', 'scDSSC', 'scDSSC: deep sparse subspace clustering.'],
    ['scdcca', 'scDCCA', 'scDCCA: deep cluster-level contrastive clustering.'],
    ['sctpc', 'scTPC', 'scTPC: triple-constraint deep clustering with pretraining.'],
    ['scgmmae', 'scGMMAE', 'scGMMAE: Gaussian mixture autoencoder clustering.'],
  ] as const
).map(([id, reportedName, description]): MethodRow => ({
  id,
  displayName: reportedName,
  kind: 'PUBLISHED',
  description: `${description} Known from publications only; not runnable here.`,
  reportedName,
  runnable: false,
}));

/**
 * Every method the platform knows, in display order. Runnable ones are implemented by the trainer under the same
 * `id`; the rest appear only through the paper's reported numbers. `reportedName` is the spelling in
 * `paper_results.tsv`.
 */
export const knownMethods: MethodRow[] = [...ourMethods, ...publishedOnly].map((method, index) => ({
  ...method,
  sortOrder: index,
}));

/**
 * Ids an earlier seed used, mapped to their current id (the model registry's name). Seeding moves rows that still
 * point at an old id to the new one and drops the old method, so upgraded installations keep one row per method.
 */
export const renamedMethodIds: Readonly<Record<string, string>> = {
  'scsamac-no-cluster-loss': 'scsamac-no-cluster-level',
};

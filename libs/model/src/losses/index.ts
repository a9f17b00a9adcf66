export { negativeBinomialLoss, negativeBinomialTerms } from './negative-binomial.js';
export { zeroInflatedNegativeBinomialLoss } from './zero-inflated-negative-binomial.js';
export { contrastiveLoss, type ContrastiveOptions } from './contrastive.js';
export { softKMeansLoss, squaredDistances } from './soft-kmeans.js';
export { wassersteinLoss } from './wasserstein.js';
export { clusterContrastiveLoss } from './cluster-contrastive.js';
export { klDivergenceLoss } from './kl-divergence.js';
export { clusterBalanceLoss } from './cluster-balance.js';

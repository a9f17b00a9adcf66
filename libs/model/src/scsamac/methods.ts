/**
 * scSAMAC and its variants as registry methods. Each variant is a preset of the one options schema (its
 * defaults differ only where the variant says so; anything may still be overridden by the caller).
 */
import type { ClusteringMethod } from '../methods/types.js';
import { cluster, type ScsamacResult } from './cluster.js';
import { scsamacOptionsSchema, type ScsamacOptions, type ScsamacOptionsInput } from './options.js';

function variant(
  name: string,
  description: string,
  preset: ScsamacOptionsInput,
): ClusteringMethod<ScsamacOptions> {
  return {
    name,
    description,
    optionsSchema: scsamacOptionsSchema,
    parseOptions: (options) =>
      scsamacOptionsSchema.parse({ ...preset, ...((options as object | null | undefined) ?? {}) }),
    run: (matrix, options, hooks): Promise<ScsamacResult> => cluster(matrix, options, hooks),
  };
}

/** scSAMAC with the NB likelihood (the default). */
export const scsamacMethod = variant(
  'scsamac',
  'scSAMAC: NB autoencoder with attention, saliency masking and contrastive clustering losses.',
  {},
);

/** scSAMAC with the ZINB likelihood. */
export const scsamacZinbMethod = variant('scsamac-zinb', 'scSAMAC with the zero-inflated NB likelihood.', {
  likelihood: 'zinb',
});

/** Ablation: no pretraining contrastive loss (paper Fig. 6). */
export const scsamacNoContrastiveMethod = variant(
  'scsamac-no-contrastive',
  'scSAMAC without the pretraining contrastive loss (ablation).',
  {
    contrastive: false,
  },
);

/** Ablation: no cluster-level contrastive loss (paper Fig. 6). */
export const scsamacNoClusterLevelMethod = variant(
  'scsamac-no-cluster-level',
  'scSAMAC without the cluster-level contrastive loss (ablation).',
  {
    clusterLevel: false,
  },
);

/**
 * scDeepCluster from the same parts: ZINB denoising autoencoder without attention or contrast, then DEC's KL(p||q)
 * clustering with reconstruction (weight 1 as in its paper's gamma = 1).
 */
export const scdeepclusterMethod = variant(
  'scdeepcluster',
  'scDeepCluster: ZINB denoising autoencoder + DEC (KL) clustering, built from scSAMAC parts.',
  {
    likelihood: 'zinb',
    attention: false,
    contrastive: false,
    // scDeepCluster starts from k-means on its latent space, not scSAMAC's default joint initialisation.
    init: 'kmeans',
    clusterLevel: false,
    softKMeansWeight: 0,
    wassersteinWeight: 0,
    balanceWeight: 0,
    klWeight: 1,
  },
);

/** Every scSAMAC-family method, for the registry. */
export const scsamacMethods = [
  scsamacMethod,
  scsamacZinbMethod,
  scdeepclusterMethod,
  scsamacNoContrastiveMethod,
  scsamacNoClusterLevelMethod,
];

/**
 * Saliency-adjusted masking (the paper's negative-sample generator), vectorised over the genes of a mini-batch:
 * ratio_j = (column sum of gene j in the batch) / (largest column sum); gene j is zeroed in the whole batch with
 * probability p0 when ratio < t0, p1 when t0 <= ratio < t1, else p2.
 */
import * as tf from '@tensorflow/tfjs-core';
import { columnSums } from '../nn/dense.js';

/** Thresholds [t0, t1] and probabilities [p0, p1, p2] of the masking. */
export interface MaskingOptions {
  thresholds: readonly [number, number];
  probabilities: readonly [number, number, number];
}

/** Per-gene masking probability [G] of the standardised batch x [B, G]. */
export function maskProbabilities(x: tf.Tensor2D, options: MaskingOptions): tf.Tensor1D {
  return tf.tidy(() => {
    const sums = columnSums(x);
    const ratio = tf.div(sums, tf.max(sums));
    const [t0, t1] = options.thresholds;
    const [p0, p1, p2] = options.probabilities;
    const shape = sums.shape as [number];
    return tf.where(
      tf.less(ratio, t0),
      tf.fill(shape, p0),
      tf.where(tf.less(ratio, t1), tf.fill(shape, p1), tf.fill(shape, p2)),
    ) as tf.Tensor1D;
  });
}

/**
 * The masked copy of x [B, G]: whole gene columns zeroed with their saliency-adjusted probability, gene j when
 * `uniform[j]` (uniform in [0, 1), one per gene) falls below its probability.
 */
export function saliencyMask(x: tf.Tensor2D, options: MaskingOptions, uniform: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const probabilities = maskProbabilities(x, options);
    const keep = tf.cast(tf.greaterEqual(tf.reshape(uniform, [-1]), probabilities), 'float32');
    return tf.mul(x, tf.reshape(keep, [1, -1])) as tf.Tensor2D;
  });
}

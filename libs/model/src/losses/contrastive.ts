/**
 * Pretraining contrastive loss: SupCon (Khosla et al. 2020) without labels, i.e. SimCLR's NT-Xent on two views.
 * Each cell's clean latent z_i and its masked-view latent z'_i are positives; every other of the 2B vectors is a
 * negative. Features are L2-normalised; loss = -(T / T_base) mean_a log( exp(s_ap / T) / sum_{c != a} exp(s_ac / T) ).
 */
import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../nn/dense.js';

/** Options of {@link contrastiveLoss}. */
export interface ContrastiveOptions {
  temperature?: number; // 0.07 as the reference
  baseTemperature?: number; // 0.07
}

/**
 * Each row's maximum [N, 1] as a constant (zero gradient). log-sum-exp's value and gradient do not depend on the
 * shift that keeps exp in range, and tf.logSumExp's own gradient through max runs an Equal over the 2B x 2B logits
 * that wasm takes ~27 ms for; without it a full pretraining step's gradients took 325 ms instead of 414
 * (`npm run bench:step`, same machine).
 */
const constantRowMax = tf.customGrad((x) => ({
  value: tf.max(x as tf.Tensor2D, 1, true),
  gradFunc: () => tf.zerosLike(x as tf.Tensor2D),
})) as (x: tf.Tensor2D) => tf.Tensor2D;

/** Contrastive loss of two views z, zPair [B, d] of the same B cells; a scalar. */
export function contrastiveLoss(
  z: tf.Tensor2D,
  zPair: tf.Tensor2D,
  options: ContrastiveOptions = {},
): tf.Scalar {
  const temperature = options.temperature ?? 0.07;
  const baseTemperature = options.baseTemperature ?? 0.07;
  return tf.tidy(() => {
    const b = z.shape[0];
    const features = tf.concat([z, zPair], 0);
    const normalised = tf.div(
      features,
      tf.maximum(tf.norm(features, 'euclidean', 1, true), 1e-12),
    ) as tf.Tensor2D;
    // The plain-matMul gradient (nn/dense.ts): tf.matMul's own runs transposed matMuls, ~20 ms here on wasm.
    const logits = tf.div(matMul(normalised, tf.transpose(normalised) as tf.Tensor2D), temperature);
    // Exclude each anchor from its own denominator with a large negative on the diagonal.
    const eye = tf.eye(2 * b);
    const masked = tf.sub(logits, tf.mul(eye, 1e9)) as tf.Tensor2D;
    const shift = constantRowMax(masked);
    const logDenominator = tf.reshape(tf.add(tf.log(tf.sum(tf.exp(tf.sub(masked, shift)), 1, true)), shift), [
      2 * b,
    ]);
    // The positive of anchor a is a + B (mod 2B): the diagonal blocks swapped.
    const positiveMask = tf.concat(
      [tf.concat([tf.zeros([b, b]), tf.eye(b)], 1), tf.concat([tf.eye(b), tf.zeros([b, b])], 1)],
      0,
    );
    const positive = tf.sum(tf.mul(logits, positiveMask), 1);
    const logProb = tf.sub(positive, logDenominator);
    return tf.mul(tf.mean(logProb), -temperature / baseTemperature) as tf.Scalar;
  });
}

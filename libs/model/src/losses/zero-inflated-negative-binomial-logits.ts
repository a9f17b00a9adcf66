/**
 * The ZINB reconstruction loss straight from the decoder's raw outputs (mean, dispersion and dropout logits side by
 * side), with the links folded in as for NB (`negative-binomial-logits.ts`): same value and gradient as
 * `zeroInflatedNegativeBinomialLoss(decode(...))`. On wasm the op-by-op form is ~150 kernels over the batch (a
 * pretraining step of `scsamac-zinb` took 446 ms against NB's 298 on 2026-11-28's machine); one JavaScript pass
 * (`countModelRows`, shared with the helper thread as NB's is) replaces them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { countModel } from '../nn/network.js';
import { fusedCountLoss, readsCheaply } from './negative-binomial-logits.js';
import { zeroInflatedNegativeBinomialLoss } from './zero-inflated-negative-binomial.js';

/**
 * Mean ZINB negative log-likelihood of `counts` [B, G] under the decoder's raw outputs `logits` [B, 3G] (mean,
 * dispersion, then dropout logits) and `sizeFactors` [B, 1]; `logFactorialSum` is the batch's sum of lgamma(x + 1).
 */
export function zeroInflatedNegativeBinomialLossFromLogits(
  counts: tf.Tensor2D,
  logits: tf.Tensor2D,
  sizeFactors: tf.Tensor2D,
  logFactorialSum: number,
): tf.Scalar {
  if (logits.shape[1] !== 3 * counts.shape[1])
    throw new Error(`ZINB logits have ${logits.shape[1]} columns; expected 3 x ${counts.shape[1]} genes`);
  if (!readsCheaply())
    return tf.tidy(() => {
      const { mean, dispersion, dropout } = countModel(logits, sizeFactors, true);
      return zeroInflatedNegativeBinomialLoss(counts, mean, dispersion, dropout!, logFactorialSum);
    });
  return tf.tidy(
    () =>
      tf.add(fusedCountLoss(logits, counts, sizeFactors, true), logFactorialSum / counts.size) as tf.Scalar,
  );
}

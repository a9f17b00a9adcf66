/**
 * The NB and ZINB reconstruction losses straight from the decoder's raw outputs (mean, dispersion and, for ZINB,
 * dropout logits side by side), with the decoder's link functions folded in: mean = clamp(exp(a), 1e-5, 1e6) x size
 * factor, dispersion = clamp(softplus(b), 1e-4, 1e4), dropout = sigmoid(c). Same value and gradient as
 * `negativeBinomialLoss` / `zeroInflatedNegativeBinomialLoss` of `decode(...)`.
 *
 * Why: on the wasm backend the op-by-op NB form (links, two lgamma series, two digamma series in the gradient) is
 * ~100 elementwise kernels over the 256 x 2000 batch, ZINB's ~150 (a `scsamac-zinb` pretraining step took 446 ms
 * against NB's 298 on 2026-11-28's machine). One JavaScript pass over the values computes the loss and its gradient
 * together (NB: 52 against 87 ms per batch when it was written; on 2026-11-28's AMD EPYC machine 47-60 ms on one
 * thread and 25-37 ms with the helper below, most of it in V8's Math.exp and Math.log1p), and skips the gamma
 * functions where the count is 0 (most entries: lgamma(0 + θ) - lgamma(θ) = 0). The pass is `count-model-rows.ts`;
 * with wasm on several threads, a helper thread takes half the rows (`count-model-rows-parallel.ts`). Reading tensor
 * values is a plain copy on the wasm and cpu backends; on native TensorFlow it would be a device sync, so there the
 * op-by-op form runs instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import { wasmThreadCount } from '../backend.js';
import { countModel, DISPERSION_RANGE, MEAN_RANGE } from '../nn/network.js';
import { countModelRowsParallel } from './count-model-rows-parallel.js';
import { EPS, negativeBinomialLoss } from './negative-binomial.js';
import { zeroInflatedNegativeBinomialLoss } from './zero-inflated-negative-binomial.js';

/** The clamps of the decoder's links and the loss's eps, as the row passes take them. */
const LIMITS = [MEAN_RANGE[0], MEAN_RANGE[1], DISPERSION_RANGE[0], DISPERSION_RANGE[1], EPS];

/** Whether this backend's tensors can be read without a device round trip (the fused JavaScript pass pays off). */
function readsCheaply(): boolean {
  const backend = tf.getBackend();
  return backend === 'wasm' || backend === 'cpu';
}

/**
 * Mean over the entries of a count model's terms, from the decoder's raw outputs `logits` [B, heads x G] in one
 * JavaScript pass (with a helper thread when wasm has several); differentiable in `logits` only (counts and size
 * factors are data).
 */
function fusedCountLoss(
  logits: tf.Tensor2D,
  counts: tf.Tensor2D,
  sizeFactors: tf.Tensor2D,
  zeroInflated: boolean,
): tf.Scalar {
  const op = tf.customGrad((logitsIn, save) => {
    const [rows, width] = logits.shape;
    const gradient = new Float32Array(rows * width);
    const sum = countModelRowsParallel(
      {
        logits: (logitsIn as tf.Tensor).dataSync() as Float32Array,
        counts: counts.dataSync() as Float32Array,
        sizeFactors: sizeFactors.dataSync() as Float32Array,
        genes: counts.shape[1],
        rowStart: 0,
        rowEnd: rows,
        gradient,
        terms: null,
        limits: LIMITS,
      },
      zeroInflated,
      wasmThreadCount(),
    );
    const entries = counts.size;
    (save as tf.GradSaveFunc)([tf.tensor2d(gradient, [rows, width])]);
    return {
      value: tf.scalar(sum / entries),
      gradFunc: (dy, saved) => tf.mul(saved[0], tf.div(dy as tf.Tensor, entries)),
    };
  }) as (logits: tf.Tensor2D) => tf.Scalar;
  return op(logits);
}

/**
 * Mean NB (or, with `zeroInflated`, ZINB) negative log-likelihood of `counts` [B, G] under the decoder's raw outputs
 * `logits` [B, 2G] (mean logits, then dispersion logits; ZINB [B, 3G], then dropout logits) and `sizeFactors`
 * [B, 1]; `logFactorialSum` is the batch's sum of lgamma(x + 1).
 */
export function countModelLossFromLogits(
  counts: tf.Tensor2D,
  logits: tf.Tensor2D,
  sizeFactors: tf.Tensor2D,
  logFactorialSum: number,
  zeroInflated: boolean,
): tf.Scalar {
  const heads = zeroInflated ? 3 : 2;
  if (logits.shape[1] !== heads * counts.shape[1])
    throw new Error(
      `${zeroInflated ? 'ZINB' : 'NB'} logits have ${logits.shape[1]} columns; expected ${heads} x ${counts.shape[1]} genes`,
    );
  if (!readsCheaply())
    return tf.tidy(() => {
      const { mean, dispersion, dropout } = countModel(logits, sizeFactors, zeroInflated);
      return zeroInflated
        ? zeroInflatedNegativeBinomialLoss(counts, mean, dispersion, dropout!, logFactorialSum)
        : negativeBinomialLoss(counts, mean, dispersion, logFactorialSum);
    });
  return tf.tidy(
    () =>
      tf.add(
        fusedCountLoss(logits, counts, sizeFactors, zeroInflated),
        logFactorialSum / counts.size,
      ) as tf.Scalar,
  );
}

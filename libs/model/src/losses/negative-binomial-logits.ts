/**
 * The NB reconstruction loss straight from the decoder's raw outputs (mean and dispersion logits side by side), with
 * the decoder's link functions folded in: mean = clamp(exp(a), 1e-5, 1e6) x size factor, dispersion =
 * clamp(softplus(b), 1e-4, 1e4). Same value and gradient as `negativeBinomialLoss(decode(...))`.
 *
 * Why: on the wasm backend the op-by-op form (links, two lgamma series, two digamma series in the gradient) is
 * ~100 elementwise kernels over the 256 x 2000 batch, 80-90 ms of a pretraining step. One JavaScript pass over
 * the values computes the loss and its gradient together in ~15 ms, and skips the gamma functions where the
 * count is 0 (most entries: lgamma(0 + θ) - lgamma(θ) = 0). Reading tensor values is a plain copy on the wasm and
 * cpu backends; on native TensorFlow it would be a device sync, so there the op-by-op form runs instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import { countModel, DISPERSION_RANGE, MEAN_RANGE } from '../nn/network.js';
import { EPS, negativeBinomialLoss } from './negative-binomial.js';

const HALF_LOG_TWO_PI = 0.9189385332046727;

/** log Γ(z) for z > 0 in float64: shift by six, then Stirling's series (error < 1e-10). */
export function logGamma(z: number): number {
  let shift = 0;
  let product = 1;
  while (z < 6) {
    product *= z;
    z += 1;
    shift++;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 + inv2 * (-1 / 360 + inv2 * (1 / 1260 - inv2 / 1680)));
  const value = (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series;
  return shift > 0 ? value - Math.log(product) : value;
}

/** ψ(z) (digamma) for z > 0 in float64: recurrence up to 6, then the asymptotic series. */
export function digammaValue(z: number): number {
  let correction = 0;
  while (z < 6) {
    correction += 1 / z;
    z += 1;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series = inv2 * (-1 / 12 + inv2 * (1 / 120 + inv2 * (-1 / 252 + inv2 / 240)));
  return Math.log(z) - 0.5 * inv + series - correction;
}

/** Whether this backend's tensors can be read without a device round trip (the fused JavaScript pass pays off). */
function readsCheaply(): boolean {
  const backend = tf.getBackend();
  return backend === 'wasm' || backend === 'cpu';
}

/**
 * Loss sum over the batch and d(sum)/d(logits), in one pass. `logits` [B, 2G] (mean logits, then dispersion
 * logits), `counts` [B, G], `sizeFactors` [B].
 */
function lossAndGradient(
  logits: Float32Array,
  counts: Float32Array,
  sizeFactors: Float32Array,
  rows: number,
  genes: number,
): { sum: number; gradient: Float32Array } {
  const gradient = new Float32Array(rows * 2 * genes);
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const sizeFactor = sizeFactors[i];
    const rowLogits = i * 2 * genes;
    for (let j = 0; j < genes; j++) {
      const a = logits[rowLogits + j];
      const b = logits[rowLogits + genes + j];
      const x = counts[i * genes + j];
      // Links, and the derivative of each clamp (1 inside its range, 0 outside, as tfjs's clipByValue).
      const expA = Math.exp(a);
      const meanInside = expA >= MEAN_RANGE[0] && expA <= MEAN_RANGE[1];
      const mu = Math.min(Math.max(expA, MEAN_RANGE[0]), MEAN_RANGE[1]) * sizeFactor;
      const expB = b > 30 ? 0 : Math.exp(b);
      const softplus = b > 30 ? b : Math.log1p(expB);
      const thetaInside = softplus >= DISPERSION_RANGE[0] && softplus <= DISPERSION_RANGE[1];
      const theta = Math.min(Math.max(softplus, DISPERSION_RANGE[0]), DISPERSION_RANGE[1]) + EPS;
      const logRatio = Math.log1p(mu / theta);
      const thetaPlusMean = theta + mu;
      let term = (theta + x) * logRatio;
      let dTheta = logRatio + (x - mu) / thetaPlusMean;
      let dMean = (theta + x) / thetaPlusMean;
      if (x !== 0) {
        // lgamma(x+θ) - lgamma(θ) and ψ(x+θ) - ψ(θ): for a small whole count, the log of θ(θ+1)...(θ+x-1) and
        // the sum of the reciprocals (exact, and much cheaper than two series); else the series.
        let logGammaRatio: number;
        let digammaDifference: number;
        if (x <= 16 && Number.isInteger(x)) {
          let product = theta;
          digammaDifference = 1 / theta;
          for (let k = 1; k < x; k++) {
            product *= theta + k;
            digammaDifference += 1 / (theta + k);
          }
          logGammaRatio = Math.log(product);
        } else {
          logGammaRatio = logGamma(x + theta) - logGamma(theta);
          digammaDifference = digammaValue(x + theta) - digammaValue(theta);
        }
        term += x * (Math.log(theta) - Math.log(mu + EPS)) - logGammaRatio;
        dTheta -= digammaDifference;
        dMean -= x / (mu + EPS);
      }
      sum += term;
      // d mu / d a = mu (exp times the size factor).
      gradient[rowLogits + j] = meanInside ? dMean * mu : 0;
      // d softplus / d b = sigmoid(b) = e^b / (1 + e^b).
      gradient[rowLogits + genes + j] = thetaInside ? (b > 30 ? dTheta : (dTheta * expB) / (1 + expB)) : 0;
    }
  }
  return { sum, gradient };
}

/** Mean of the NB terms over the entries, differentiable in `logits` only (counts and size factors are data). */
function fusedLoss(logits: tf.Tensor2D, counts: tf.Tensor2D, sizeFactors: tf.Tensor2D): tf.Scalar {
  const op = tf.customGrad((logitsIn, save) => {
    const [rows, width] = logits.shape;
    const { sum, gradient } = lossAndGradient(
      (logitsIn as tf.Tensor).dataSync() as Float32Array,
      counts.dataSync() as Float32Array,
      sizeFactors.dataSync() as Float32Array,
      rows,
      width / 2,
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
 * Mean NB negative log-likelihood of `counts` [B, G] under the decoder's raw outputs `logits` [B, 2G] (mean logits,
 * then dispersion logits) and `sizeFactors` [B, 1]; `logFactorialSum` is the batch's sum of lgamma(x + 1).
 */
export function negativeBinomialLossFromLogits(
  counts: tf.Tensor2D,
  logits: tf.Tensor2D,
  sizeFactors: tf.Tensor2D,
  logFactorialSum: number,
): tf.Scalar {
  if (logits.shape[1] !== 2 * counts.shape[1])
    throw new Error(`NB logits have ${logits.shape[1]} columns; expected 2 x ${counts.shape[1]} genes`);
  if (!readsCheaply())
    return tf.tidy(() => {
      const { mean, dispersion } = countModel(logits, sizeFactors, false);
      return negativeBinomialLoss(counts, mean, dispersion, logFactorialSum);
    });
  return tf.tidy(
    () => tf.add(fusedLoss(logits, counts, sizeFactors), logFactorialSum / counts.size) as tf.Scalar,
  );
}

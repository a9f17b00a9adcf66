/**
 * Log-gamma and digamma from differentiable tfjs ops (tfjs has neither). Both shift the argument up by six with
 * the recurrences Γ(z+1) = zΓ(z) and ψ(z+1) = ψ(z) + 1/z, then use the Stirling / asymptotic series, accurate
 * to about 1e-7 relative in float32 for every z > 0. `lgamma` carries an analytic gradient (digamma), which is
 * cheaper than differentiating the series op by op.
 */
import * as tf from '@tensorflow/tfjs-core';

const SHIFT = 6;
const HALF_LOG_TWO_PI = 0.9189385332046727;

function shiftedProduct(z: tf.Tensor): tf.Tensor {
  // z (z+1) ... (z+5): fits float32 for z up to ~1e6, beyond the 1e6 clamp of the NB mean and 1e4 of theta.
  let product = z;
  for (let k = 1; k < SHIFT; k++) product = tf.mul(product, tf.add(z, k));
  return product;
}

/** ψ(z) (digamma) elementwise for z > 0; not differentiable (only used as lgamma's gradient). */
export function digamma(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let correction = tf.reciprocal(z);
    for (let k = 1; k < SHIFT; k++) correction = tf.add(correction, tf.reciprocal(tf.add(z, k)));
    const w = tf.add(z, SHIFT);
    const inv = tf.reciprocal(w);
    const inv2 = tf.square(inv);
    // log w - 1/(2w) - 1/(12w^2) + 1/(120w^4) - 1/(252w^6)
    const series = tf.mul(inv2, tf.add(-1 / 12, tf.mul(inv2, tf.add(1 / 120, tf.mul(inv2, -1 / 252)))));
    const asymptotic = tf.add(tf.sub(tf.log(w), tf.mul(inv, 0.5)), series);
    return tf.sub(asymptotic, correction);
  });
}

/** log Γ(z) elementwise for z > 0, without a gradient (see {@link lgamma}). */
export function lgammaValue(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const w = tf.add(z, SHIFT);
    const inv = tf.reciprocal(w);
    const inv2 = tf.square(inv);
    // (w - 1/2) log w - w + log(2π)/2 + 1/(12w) - 1/(360w^3) + 1/(1260w^5)
    const series = tf.mul(inv, tf.add(1 / 12, tf.mul(inv2, tf.add(-1 / 360, tf.mul(inv2, 1 / 1260)))));
    const stirling = tf.add(tf.sub(tf.mul(tf.sub(w, 0.5), tf.log(w)), w), tf.add(series, HALF_LOG_TWO_PI));
    return tf.sub(stirling, tf.log(shiftedProduct(z)));
  });
}

/** log Γ(z) elementwise for z > 0, with gradient ψ(z). */
export const lgamma: (z: tf.Tensor) => tf.Tensor = tf.customGrad((z, save) => {
  const input = z as tf.Tensor;
  (save as tf.GradSaveFunc)([input]);
  return {
    value: lgammaValue(input),
    gradFunc: (dy, saved) => tf.mul(dy, digamma(saved[0])),
  };
}) as (z: tf.Tensor) => tf.Tensor;

/** Test helpers: finite-difference gradients of scalar tfjs functions. */
import * as tf from '@tensorflow/tfjs-core';

/** Central-difference gradient of f at x (float64 arithmetic on the float32 results). */
export function numericGradient(
  f: (x: tf.Tensor) => tf.Scalar,
  x: Float32Array,
  shape: number[],
  step = 1e-2,
): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const h = step * Math.max(1, Math.abs(x[i]));
    const plus = Float32Array.from(x);
    const minus = Float32Array.from(x);
    plus[i] += h;
    minus[i] -= h;
    const fp = tf.tidy(() => f(tf.tensor(plus, shape)).dataSync()[0]);
    const fm = tf.tidy(() => f(tf.tensor(minus, shape)).dataSync()[0]);
    grad[i] = (fp - fm) / (plus[i] - minus[i]);
  }
  return grad;
}

/** tfjs's gradient of f at x. */
export function analyticGradient(
  f: (x: tf.Tensor) => tf.Scalar,
  x: Float32Array,
  shape: number[],
): Float32Array {
  return tf.tidy(() => tf.grad(f)(tf.tensor(x, shape)).dataSync() as Float32Array);
}

/** Largest |a - b| / max(1, |b|). */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

/** Reproducible values in [lo, hi). */
export function values(n: number, lo: number, hi: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return lo + ((s - 1) / 2147483646) * (hi - lo);
  });
}

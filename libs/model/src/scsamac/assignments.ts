/** DEC's soft assignment and target distribution, shared by scSAMAC's and scDeepCluster's clustering stage. */
import * as tf from '@tensorflow/tfjs-core';
import { squaredDistances } from '../losses/soft-kmeans.js';

/** Student-t soft assignment q_ir ∝ (1 + ||z_i - v_r||^2 / α)^(-(α+1)/2), rows sum to 1; [B, K]. */
export function softAssignment(z: tf.Tensor2D, centres: tf.Tensor2D, alpha: number): tf.Tensor2D {
  return tf.tidy(() => {
    const kernel = tf.pow(tf.add(tf.div(squaredDistances(z, centres), alpha), 1), -(alpha + 1) / 2);
    return tf.div(kernel, tf.sum(kernel, 1, true)) as tf.Tensor2D;
  });
}

/** Soft assignments [n, k] (Student-t, {@link softAssignment}) of the rows of z [n, latent], read back from the device. */
export function softAssignmentValues(
  z: Float32Array,
  latent: number,
  centres: tf.Tensor2D,
  alpha: number,
): Float32Array {
  const q = tf.tidy(() => softAssignment(tf.tensor2d(z, [z.length / latent, latent]), centres, alpha));
  const values = q.dataSync() as Float32Array;
  q.dispose();
  return values;
}

/** Target p_ir = (q_ir^2 / f_r) / sum_r' (q_ir'^2 / f_r') with cluster frequencies f_r = sum_i q_ir (whole data). */
export function targetDistribution(q: Float32Array, k: number): Float32Array {
  const n = q.length / k;
  const frequency = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let r = 0; r < k; r++) frequency[r] += q[i * k + r];
  const p = new Float32Array(q.length);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let r = 0; r < k; r++) {
      const v = (q[i * k + r] * q[i * k + r]) / Math.max(frequency[r], 1e-12);
      p[i * k + r] = v;
      total += v;
    }
    for (let r = 0; r < k; r++) p[i * k + r] /= total;
  }
  return p;
}

/** Row-wise argmax of a [n, k] matrix. */
export function argmaxRows(values: Float32Array, k: number): Int32Array {
  const n = values.length / k;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let r = 1; r < k; r++) if (values[i * k + r] > values[i * k + best]) best = r;
    labels[i] = best;
  }
  return labels;
}

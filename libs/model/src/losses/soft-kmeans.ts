/**
 * Soft k-means loss with weight inflation (scziDesk; scSAMAC eq. 15-17): w_ir = softmax_r(-||z_i - v_r||^2),
 * inflated to w_ir^2 / sum_r w_ir^2 (sharper, converges faster), loss = mean_i sum_r w_ir ||z_i - v_r||^2.
 */
import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../nn/dense.js';

/** ||z_i - v_r||^2 for z [B, d] and centres v [K, d], as [B, K], with plain matMuls (fast on wasm). */
export function squaredDistances(z: tf.Tensor2D, centres: tf.Tensor2D): tf.Tensor2D {
  const zz = tf.sum(tf.square(z), 1, true);
  const vv = tf.reshape(tf.sum(tf.square(centres), 1), [1, -1]);
  const cross = matMul(z, tf.transpose(centres));
  return tf.relu(tf.sub(tf.add(zz, vv), tf.mul(cross, 2))) as tf.Tensor2D;
}

/** Soft k-means loss of latent z [B, d] against centres [K, d]; a scalar. */
export function softKMeansLoss(z: tf.Tensor2D, centres: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const distances = squaredDistances(z, centres);
    const w = tf.square(tf.softmax(tf.neg(distances)));
    const inflated = tf.div(w, tf.sum(w, 1, true));
    return tf.mean(tf.sum(tf.mul(inflated, distances), 1)) as tf.Scalar;
  });
}

/**
 * Cluster-level contrastive loss ("labels as representations"): a trained projection head maps z and z_pair to
 * K cluster probabilities a = softmax(z H + c), b = softmax(z_pair H + c) [B, K]; column i of a is cluster i's
 * representation. L_pos = sum_i ||a_i - b_i||^2, L_neg = sum_{i != j} max(0, m - ||a_i - b_j||)^2,
 * loss = (L_pos + L_neg) / K^2. The reference re-draws an untrained head every call and detaches it; here the head's
 * weights are trained with the network.
 */
import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../nn/dense.js';

/** Loss of cluster representations a, b [B, K] (columns are clusters); a scalar. */
export function clusterContrastiveLoss(a: tf.Tensor2D, b: tf.Tensor2D, margin = 1): tf.Scalar {
  return tf.tidy(() => {
    const k = a.shape[1];
    const at = tf.transpose(a); // [K, B]
    const bt = tf.transpose(b);
    const aa = tf.sum(tf.square(at), 1, true);
    const bb = tf.reshape(tf.sum(tf.square(bt), 1), [1, -1]);
    const squared = tf.relu(tf.sub(tf.add(aa, bb), tf.mul(matMul(at, tf.transpose(bt)), 2)));
    const eye = tf.eye(k);
    const positive = tf.sum(tf.mul(squared, eye));
    // sqrt's gradient at 0 is infinite; distances between different clusters' columns are not 0 in practice,
    // and the small epsilon keeps the gradient finite when they are.
    const distance = tf.sqrt(tf.add(squared, 1e-12));
    const negative = tf.sum(tf.mul(tf.square(tf.relu(tf.sub(margin, distance))), tf.sub(1, eye)));
    return tf.div(tf.add(positive, negative), k * k) as tf.Scalar;
  });
}

/**
 * KL(mean_i q_i || uniform) = log K - H(mean_i q_i): how far the batch's share of each cluster is from equal
 * shares (the marginal-entropy term of SCAN and IIC). Small weights only keep clusters from dying out.
 */
import * as tf from '@tensorflow/tfjs-core';
import { klDivergenceLoss } from './kl-divergence.js';

/** log K minus the entropy of the column means of the soft assignment q [B, K]; 0 when every cluster has 1/K. */
export function clusterBalanceLoss(q: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const k = q.shape[1];
    return klDivergenceLoss(tf.mean(q, 0, true), tf.fill([1, k], 1 / k) as tf.Tensor2D);
  });
}

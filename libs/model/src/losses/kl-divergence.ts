/** KL(p || q) = sum p log(p / q), averaged over the cells of the batch (DEC's clustering loss, scDeepCluster). */
import * as tf from '@tensorflow/tfjs-core';

/** KL divergence of soft assignment q [B, K] from target p [B, K], mean over rows; a scalar. */
export function klDivergenceLoss(p: tf.Tensor2D, q: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const terms = tf.mul(p, tf.sub(tf.log(tf.add(p, 1e-12)), tf.log(tf.add(q, 1e-12))));
    return tf.div(tf.sum(terms), p.shape[0]) as tf.Scalar;
  });
}

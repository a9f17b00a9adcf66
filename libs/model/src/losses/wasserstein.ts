/**
 * 1-D Wasserstein-1 distance between the empirical distributions of the values of p and q (the reference's
 * form: mean |sort(p) - sort(q)| over the flattened matrices), WITH a gradient to q (the reference detaches it).
 * The gradient of rank r goes back to the entry of q that holds rank r: sign(q_(r) - p_(r)) / N. Sorting and
 * un-sorting use TopK and gather on constants only, so nothing needs gather's gradient (missing on wasm).
 */
import * as tf from '@tensorflow/tfjs-core';

function sortedDescending(values: tf.Tensor1D): { values: tf.Tensor1D; indices: tf.Tensor1D } {
  const { values: v, indices } = tf.topk(values, values.size, true);
  return { values: v as tf.Tensor1D, indices: indices as tf.Tensor1D };
}

/** W1(p, q) between the value distributions of p and q (same shape); gradient flows to q only. A scalar. */
export const wassersteinLoss: (p: tf.Tensor, q: tf.Tensor) => tf.Scalar = (p, q) => {
  const target = tf.tidy(() => sortedDescending(tf.reshape(p, [-1])).values);
  const op = tf.customGrad((qIn, save) => {
    const flat = tf.reshape(qIn as tf.Tensor, [-1]) as tf.Tensor1D;
    const sorted = sortedDescending(flat);
    const diff = tf.sub(sorted.values, target);
    (save as tf.GradSaveFunc)([diff, sorted.indices]);
    return {
      value: tf.mean(tf.abs(diff)) as tf.Scalar,
      gradFunc: (dy, saved) => {
        const [d, order] = saved as [tf.Tensor1D, tf.Tensor1D];
        // rank of each position = inverse permutation of `order`: sort the positions, keep their ranks.
        const rank = tf.topk(tf.neg(tf.cast(order, 'float32')), order.size, true).indices;
        const perRank = tf.mul(tf.sign(d), tf.div(dy, d.size));
        return tf.reshape(tf.gather(perRank, rank), (qIn as tf.Tensor).shape);
      },
    };
  }) as (q: tf.Tensor) => tf.Scalar;
  const value = op(q);
  target.dispose();
  return value;
};

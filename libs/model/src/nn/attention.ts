/**
 * Multi-head self-attention across the cells of a mini-batch (the "sequence" is the batch), with a residual
 * connection, as in the reference: each cell's representation is repaired from similar cells of its batch.
 * Several independent batches (the noisy, clean and masked views) run as separate sequences.
 *
 * Speed on wasm: batched (3-D) matMuls with an inner size of d/heads = 8 ran several times slower than plain 2-D
 * ones, and a block-diagonal 2-D form (all heads in one matMul, h times the multiply-adds) was slower again in the
 * backward pass; so each head is a pair of plain 2-D matMuls with the explicit-transpose gradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dense, matMul } from './dense.js';

/** Weights of one attention block: fused Q|K|V projection [d, 3d] and the output projection [d, d]. */
export interface AttentionWeights {
  qkvW: tf.Variable<tf.Rank.R2>;
  qkvB: tf.Variable<tf.Rank.R1>;
  outW: tf.Variable<tf.Rank.R2>;
  outB: tf.Variable<tf.Rank.R1>;
}

/** Options of one forward pass. */
export interface AttentionCall {
  heads: number;
  /** Number of independent sequences stacked in the rows of x (each of x.rows / sequences cells). */
  sequences: number;
  /** Dropout rate on the attention weights (0 at inference). */
  dropout: number;
  /** A dropout mask of the given shape and rate: 0 or 1 / (1 - rate). */
  dropoutMask?: (shape: number[], rate: number) => tf.Tensor;
}

function attendPerHead(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, call: AttentionCall): tf.Tensor2D {
  const [b, d] = q.shape;
  const h = call.heads;
  const qs = tf.split(tf.mul(q, 1 / Math.sqrt(d / h)), h, 1) as tf.Tensor2D[];
  const ks = tf.split(tf.transpose(k), h, 0) as tf.Tensor2D[];
  const vs = tf.split(v, h, 1) as tf.Tensor2D[];
  const outs = qs.map((qh, i) => {
    let weights = tf.softmax(matMul(qh, ks[i])) as tf.Tensor2D;
    if (call.dropout > 0 && call.dropoutMask)
      weights = tf.mul(weights, call.dropoutMask([b, b], call.dropout)) as tf.Tensor2D;
    return matMul(weights, vs[i]);
  });
  return tf.concat(outs, 1) as tf.Tensor2D;
}

/** x [S*B, d] -> x + MHA(x) with attention inside each of the S row blocks. */
export function attention(x: tf.Tensor2D, w: AttentionWeights, call: AttentionCall): tf.Tensor2D {
  const [rows] = x.shape;
  const s = call.sequences;
  const qkv = dense(x, w.qkvW, w.qkvB);
  const [q, k, v] = tf.split(qkv, 3, 1) as tf.Tensor2D[];
  const b = rows / s;
  const outputs: tf.Tensor2D[] = [];
  for (let i = 0; i < s; i++) {
    const part = (t: tf.Tensor2D) => tf.slice(t, [i * b, 0], [b, -1]) as tf.Tensor2D;
    outputs.push(attendPerHead(part(q), part(k), part(v), call));
  }
  const merged = s === 1 ? outputs[0] : (tf.concat(outputs, 0) as tf.Tensor2D);
  return tf.add(x, dense(merged, w.outW, w.outB));
}

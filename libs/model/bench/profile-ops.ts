/** Times single ops on the current backend (wasm): matMul variants, attention, lgamma. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend.js';
import { attention } from '../src/nn/attention.js';
import { lgamma } from '../src/nn/lgamma.js';

await initBackend();
function time(name: string, f: () => tf.Tensor, repeats = 10) {
  tf.tidy(f).dispose();
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < repeats; i++) {
    const out = tf.tidy(f);
    out.dataSync();
    out.dispose();
  }
  const used = process.cpuUsage(cpu);
  console.log(
    `${name.padEnd(40)} wall ${((performance.now() - start) / repeats).toFixed(1)} ms  cpu ${((used.user + used.system) / 1000 / repeats).toFixed(1)} ms`,
  );
}
const x = tf.randomNormal([256, 2000]);
const w = tf.randomNormal([2000, 256]);
const bias = tf.randomNormal([256]);
time('matMul 256x2000x256', () => tf.matMul(x, w));
time('fused matMul+bias+relu', () =>
  tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias, activation: 'relu' }),
);
time('add 512k', () => tf.add(x, x));
time('log 512k', () => tf.log(tf.abs(x)));
time('lgamma 512k', () => lgamma(tf.add(tf.abs(x), 0.1)));
const h = tf.randomNormal([768, 64]) as tf.Tensor2D;
const aw = {
  qkvW: tf.variable(tf.randomNormal([64, 192])) as tf.Variable<tf.Rank.R2>,
  qkvB: tf.variable(tf.zeros([192])) as tf.Variable<tf.Rank.R1>,
  outW: tf.variable(tf.randomNormal([64, 64])) as tf.Variable<tf.Rank.R2>,
  outB: tf.variable(tf.zeros([64])) as tf.Variable<tf.Rank.R1>,
};
time('attention 3x256x64 fwd', () =>
  attention(h, aw, { heads: 8, sequences: 3, dropout: 0.1, dropoutMask: (shape) => tf.ones(shape) }),
);
time('attention 3x256x64 fwd no dropout', () => attention(h, aw, { heads: 8, sequences: 3, dropout: 0 }));
time('attention 3x256x64 grads', () => {
  const { value, grads } = tf.variableGrads(
    () =>
      tf.sum(
        attention(h, aw, { heads: 8, sequences: 3, dropout: 0.1, dropoutMask: (shape) => tf.ones(shape) }),
      ) as tf.Scalar,
  );
  return tf.addN([value, ...Object.values(grads).map((g) => tf.sum(g))]);
});
time('randomUniform 512k', () => tf.randomUniform([256, 2000], 0, 1, 'float32', 2));
time('batched matMul 24x256x8 @ 24x8x256', () =>
  tf.matMul(tf.randomNormal([24, 256, 8]), tf.randomNormal([24, 8, 256])),
);

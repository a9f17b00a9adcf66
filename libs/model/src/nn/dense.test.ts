import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { maxRelativeError, numericGradient, values } from '../test/gradient-check.js';
import { columnSums, dense, denseOnData, matMul } from './dense.js';

let x: tf.Tensor2D;
let w: tf.Tensor2D;
let b: tf.Tensor1D;
beforeAll(async () => {
  await initBackend();
  x = tf.tensor2d(values(12, -1, 1, 3), [4, 3]);
  w = tf.tensor2d(values(6, -1, 1, 5), [3, 2]);
  b = tf.tensor1d([0.1, -0.3]);
});

/** Reference: tfjs's own ops and autodiff. */
const reference = (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor, relu: boolean) => {
  const y = tf.add(tf.matMul(xi as tf.Tensor2D, wi as tf.Tensor2D), bi);
  return relu ? tf.relu(y) : y;
};

describe('dense with a plain-matMul gradient', () => {
  for (const activation of ['linear', 'relu'] as const) {
    it(`${activation}: same value and gradients as tfjs autodiff, and as finite differences`, () => {
      const weights = tf.tensor2d(values(8, -1, 1, 9), [4, 2]);
      const loss =
        (f: (a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.Tensor) =>
        (a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) =>
          tf.sum(tf.mul(f(a, c, d), weights)) as tf.Scalar;
      const mine = loss((a, c, d) => dense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D, activation));
      const theirs = loss((a, c, d) => reference(a, c, d, activation === 'relu'));
      const gm = tf.grads(mine)([x, w, b]);
      const gt = tf.grads(theirs)([x, w, b]);
      gm.forEach((g, i) => expect(maxRelativeError(g.dataSync(), gt[i].dataSync())).toBeLessThan(1e-5));
      // Finite differences on the smooth (linear) case; ReLU's kink makes them unreliable near zero.
      if (activation === 'linear') {
        const fw = (t: tf.Tensor) => mine(x, t, b);
        expect(
          maxRelativeError(
            tf.grad(fw)(w).dataSync(),
            numericGradient(fw, w.dataSync() as Float32Array, [3, 2], 1e-3),
          ),
        ).toBeLessThan(1e-2);
      }
      expect(
        maxRelativeError(
          dense(x, w, b, activation).dataSync(),
          reference(x, w, b, activation === 'relu').dataSync(),
        ),
      ).toBeLessThan(1e-6);
    });
  }

  it('denseOnData gives the weight gradients and no input gradient', () => {
    const f = (c: tf.Tensor, d: tf.Tensor) =>
      tf.sum(tf.square(denseOnData(x, c as tf.Tensor2D, d as tf.Tensor1D, 'relu'))) as tf.Scalar;
    const g = (c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.square(reference(x, c, d, true))) as tf.Scalar;
    const [gw, gb] = tf.grads(f)([w, b]);
    const [rw, rb] = tf.grads(g)([w, b]);
    expect(maxRelativeError(gw.dataSync(), rw.dataSync())).toBeLessThan(1e-5);
    expect(maxRelativeError(gb.dataSync(), rb.dataSync())).toBeLessThan(1e-5);
  });

  it('matMul: gradients match finite differences', () => {
    const a0 = values(6, -1, 1, 11);
    const f = (t: tf.Tensor) => tf.sum(tf.sin(matMul(t as tf.Tensor2D, w))) as tf.Scalar;
    const analytic = tf
      .grad(f)(tf.tensor2d(a0, [2, 3]))
      .dataSync();
    expect(maxRelativeError(analytic, numericGradient(f, a0, [2, 3], 1e-3))).toBeLessThan(1e-2);
  });

  it("columnSums: tfjs's sum along the rows, bit for bit on wasm", () => {
    const m = tf.tensor2d(values(7 * 5, -3, 3, 31), [7, 5]);
    const ours = columnSums(m);
    expect(ours.shape).toEqual([5]);
    const reference = tf.sum(m, 0);
    if (tf.getBackend() === 'wasm')
      expect(Array.from(new Uint32Array(ours.dataSync().slice().buffer))).toEqual(
        Array.from(new Uint32Array(reference.dataSync().slice().buffer)),
      );
    expect(maxRelativeError(ours.dataSync(), reference.dataSync())).toBeLessThan(1e-6);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { analyticGradient, maxRelativeError, numericGradient } from '../test/gradient-check.js';
import fixtures from './fixtures.json' with { type: 'json' };
import { negativeBinomialLoss } from './negative-binomial.js';

beforeAll(async () => {
  await initBackend();
});

const { x, mean, disp } = fixtures.nb;

describe('negativeBinomialLoss', () => {
  it('equals the mean negative log pmf (scipy nbinom with n = theta, p = theta / (theta + mu))', () => {
    const loss = tf.tidy(
      () => negativeBinomialLoss(tf.tensor2d(x), tf.tensor2d(mean), tf.tensor2d(disp)).dataSync()[0],
    );
    expect(loss).toBeCloseTo(fixtures.nb.loss, 4);
    expect(loss).toBeCloseTo(fixtures.nb.scipy_nll_mean, 4);
  });

  it('takes the lgamma(x+1) constant precomputed', () => {
    // sum of log(x!) over the entries: log 3! + log 10! + log 250! (0! = 1! = 1)
    let constant = Math.log(6) + Math.log(3628800);
    for (let i = 2; i <= 250; i++) constant += Math.log(i);
    const loss = tf.tidy(
      () =>
        negativeBinomialLoss(tf.tensor2d(x), tf.tensor2d(mean), tf.tensor2d(disp), constant).dataSync()[0],
    );
    expect(loss).toBeCloseTo(fixtures.nb.loss, 3);
  });

  it('has the analytic gradient in mean and dispersion (float64 finite differences from scipy)', () => {
    const counts = tf.tensor2d(x);
    const fm = (m: tf.Tensor) => negativeBinomialLoss(counts, m, tf.tensor2d(disp));
    const fd = (d: tf.Tensor) => negativeBinomialLoss(counts, tf.tensor2d(mean), d);
    const m0 = Float32Array.from(mean.flat());
    const d0 = Float32Array.from(disp.flat());
    expect(maxRelativeError(analyticGradient(fm, m0, [2, 3]), fixtures.nb.gradMean.flat())).toBeLessThan(
      1e-4,
    );
    expect(maxRelativeError(analyticGradient(fd, d0, [2, 3]), fixtures.nb.gradDisp.flat())).toBeLessThan(
      1e-4,
    );
    // and, coarsely, float32 finite differences of the loss itself
    expect(
      maxRelativeError(analyticGradient(fm, m0, [2, 3]), numericGradient(fm, m0, [2, 3], 1e-3)),
    ).toBeLessThan(1e-2);
  });
});

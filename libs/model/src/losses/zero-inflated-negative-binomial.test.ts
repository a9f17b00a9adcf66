import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { analyticGradient, maxRelativeError, numericGradient } from '../test/gradient-check.js';
import fixtures from './fixtures.json' with { type: 'json' };
import { zeroInflatedNegativeBinomialLoss } from './zero-inflated-negative-binomial.js';

beforeAll(async () => {
  await initBackend();
});

const { x, mean, disp, pi } = fixtures.nb;

describe('zeroInflatedNegativeBinomialLoss', () => {
  it('matches the reference ZINB formula computed with scipy', () => {
    const loss = tf.tidy(
      () =>
        zeroInflatedNegativeBinomialLoss(
          tf.tensor2d(x),
          tf.tensor2d(mean),
          tf.tensor2d(disp),
          tf.tensor2d(pi),
        ).dataSync()[0],
    );
    expect(loss).toBeCloseTo(fixtures.zinb.loss, 4);
  });

  it('reduces to the NB loss when the dropout probability is 0', () => {
    const zeros = tf.zeros([2, 3]);
    const loss = tf.tidy(
      () =>
        zeroInflatedNegativeBinomialLoss(
          tf.tensor2d(x),
          tf.tensor2d(mean),
          tf.tensor2d(disp),
          zeros,
        ).dataSync()[0],
    );
    expect(loss).toBeCloseTo(fixtures.nb.loss, 4);
  });

  it('has gradients in pi and mean that match float64 finite differences from scipy', () => {
    const counts = tf.tensor2d(x);
    const fp = (p: tf.Tensor) =>
      zeroInflatedNegativeBinomialLoss(counts, tf.tensor2d(mean), tf.tensor2d(disp), p);
    const fm = (m: tf.Tensor) =>
      zeroInflatedNegativeBinomialLoss(counts, m, tf.tensor2d(disp), tf.tensor2d(pi));
    const p0 = Float32Array.from(pi.flat());
    const m0 = Float32Array.from(mean.flat());
    expect(maxRelativeError(analyticGradient(fp, p0, [2, 3]), fixtures.zinb.gradPi.flat())).toBeLessThan(
      1e-4,
    );
    expect(maxRelativeError(analyticGradient(fm, m0, [2, 3]), fixtures.zinb.gradMean.flat())).toBeLessThan(
      1e-4,
    );
    expect(
      maxRelativeError(analyticGradient(fm, m0, [2, 3]), numericGradient(fm, m0, [2, 3], 1e-3)),
    ).toBeLessThan(1e-2);
  });
});

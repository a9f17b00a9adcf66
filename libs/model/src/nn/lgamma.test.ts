import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import fixtures from '../losses/fixtures.json' with { type: 'json' };
import { analyticGradient, maxRelativeError, numericGradient, values } from '../test/gradient-check.js';
import { digamma, lgamma } from './lgamma.js';

beforeAll(async () => {
  await initBackend();
});

describe('lgamma', () => {
  it('matches scipy.special.gammaln from 1e-4 to 1e4', () => {
    const got = tf.tidy(() => lgamma(tf.tensor1d(fixtures.lgamma.z)).dataSync());
    fixtures.lgamma.value.forEach((expected, i) =>
      expect(got[i]).toBeCloseTo(expected, expected > 100 ? 0 : 4),
    );
    // relative accuracy at the large end (float32 carries ~7 digits)
    expect(Math.abs(got[6] - fixtures.lgamma.value[6]) / fixtures.lgamma.value[6]).toBeLessThan(1e-6);
  });

  it('has digamma as its gradient, matching scipy.special.digamma', () => {
    const z = Float32Array.from(fixtures.lgamma.z);
    const grad = tf.tidy(() =>
      tf
        .grad((t: tf.Tensor) => tf.sum(lgamma(t)))(tf.tensor1d(z))
        .dataSync(),
    );
    fixtures.lgamma.digamma.forEach((expected, i) =>
      expect(Math.abs(grad[i] - expected) / Math.max(1, Math.abs(expected))).toBeLessThan(1e-4),
    );
    const direct = tf.tidy(() => digamma(tf.tensor1d(z)).dataSync());
    expect(maxRelativeError(direct, fixtures.lgamma.digamma)).toBeLessThan(1e-4);
  });

  it('passes a finite-difference gradient check', () => {
    const x = values(12, 0.2, 40);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(lgamma(t), tf.linspace(0.5, 2, 12))) as tf.Scalar;
    expect(maxRelativeError(analyticGradient(f, x, [12]), numericGradient(f, x, [12], 1e-3))).toBeLessThan(
      2e-2,
    );
  });
});

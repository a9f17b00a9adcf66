import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { analyticGradient, maxRelativeError, numericGradient } from '../test/gradient-check.js';
import { clusterContrastiveLoss } from './cluster-contrastive.js';
import fixtures from './fixtures.json' with { type: 'json' };

beforeAll(async () => {
  await initBackend();
});

describe('clusterContrastiveLoss', () => {
  it('matches (L_pos + L_neg) / K^2 computed column by column in numpy', () => {
    const { a, b, loss, lossMargin05 } = fixtures.clusterContrastive;
    expect(tf.tidy(() => clusterContrastiveLoss(tf.tensor2d(a), tf.tensor2d(b)).dataSync()[0])).toBeCloseTo(
      loss,
      5,
    );
    expect(
      tf.tidy(() => clusterContrastiveLoss(tf.tensor2d(a), tf.tensor2d(b), 0.5).dataSync()[0]),
    ).toBeCloseTo(lossMargin05, 5);
  });

  it('has gradients matching finite differences', () => {
    const b = tf.tensor2d(fixtures.clusterContrastive.b);
    const a0 = Float32Array.from(fixtures.clusterContrastive.a.flat());
    const f = (a: tf.Tensor) => clusterContrastiveLoss(a as tf.Tensor2D, b);
    expect(
      maxRelativeError(analyticGradient(f, a0, [4, 3]), numericGradient(f, a0, [4, 3], 1e-3)),
    ).toBeLessThan(1e-2);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import fixtures from './fixtures.json' with { type: 'json' };
import { klDivergenceLoss } from './kl-divergence.js';

beforeAll(async () => {
  await initBackend();
});

describe('klDivergenceLoss', () => {
  it('matches sum p log(p/q) / rows from numpy', () => {
    const { p, q } = fixtures.wasserstein;
    expect(tf.tidy(() => klDivergenceLoss(tf.tensor2d(p), tf.tensor2d(q)).dataSync()[0])).toBeCloseTo(
      fixtures.kl.loss,
      5,
    );
  });

  it('is 0 for identical distributions', () => {
    const p = tf.tensor2d([[0.2, 0.8]]);
    expect(tf.tidy(() => klDivergenceLoss(p, p).dataSync()[0])).toBeCloseTo(0, 6);
  });
});

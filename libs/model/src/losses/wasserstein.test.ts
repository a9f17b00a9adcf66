import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { analyticGradient, maxRelativeError, numericGradient } from '../test/gradient-check.js';
import fixtures from './fixtures.json' with { type: 'json' };
import { wassersteinLoss } from './wasserstein.js';

beforeAll(async () => {
  await initBackend();
});

describe('wassersteinLoss', () => {
  it('equals scipy.stats.wasserstein_distance of the flattened values', () => {
    const { p, q, loss, scipy } = fixtures.wasserstein;
    const got = tf.tidy(() => wassersteinLoss(tf.tensor2d(p), tf.tensor2d(q)).dataSync()[0]);
    expect(got).toBeCloseTo(loss, 6);
    expect(got).toBeCloseTo(scipy, 6);
  });

  it('is 0 for a permutation of the same values', () => {
    expect(
      tf.tidy(
        () => wassersteinLoss(tf.tensor1d([0.1, 0.5, 0.9]), tf.tensor1d([0.9, 0.1, 0.5])).dataSync()[0],
      ),
    ).toBeCloseTo(0, 7);
  });

  it('carries a gradient to q: sign(q_(r) - p_(r)) / N at the entry of rank r (finite differences)', () => {
    const p = tf.tensor2d(fixtures.wasserstein.p);
    const q0 = Float32Array.from(fixtures.wasserstein.q.flat());
    const f = (q: tf.Tensor) => wassersteinLoss(p, q);
    const analytic = analyticGradient(f, q0, [3, 2]);
    // sorted q: .2 .25 .4 .6 .75 .8 against sorted p: .1 .3 .5 .5 .7 .9 -> signs + - - + + -
    const expected = [1, -1, -1, 1, 1, -1].map((s) => s / 6);
    const byRank = [0.6, 0.4, 0.25, 0.75, 0.8, 0.2].map((v) => [0.2, 0.25, 0.4, 0.6, 0.75, 0.8].indexOf(v));
    byRank.forEach((rank, i) => expect(analytic[i]).toBeCloseTo(expected[rank], 6));
    expect(maxRelativeError(analytic, numericGradient(f, q0, [3, 2], 1e-3))).toBeLessThan(1e-3);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { analyticGradient, maxRelativeError, numericGradient } from '../test/gradient-check.js';
import fixtures from './fixtures.json' with { type: 'json' };
import { softKMeansLoss, squaredDistances } from './soft-kmeans.js';

beforeAll(async () => {
  await initBackend();
});

describe('softKMeansLoss', () => {
  it('matches the inflated-weight value computed in numpy', () => {
    const { z, centres, loss } = fixtures.softKMeans;
    expect(tf.tidy(() => softKMeansLoss(tf.tensor2d(z), tf.tensor2d(centres)).dataSync()[0])).toBeCloseTo(
      loss,
      5,
    );
  });

  it('is 0 when every cell sits on a centre', () => {
    const v = tf.tensor2d([
      [0, 0],
      [10, 10],
    ]);
    expect(
      tf.tidy(
        () =>
          softKMeansLoss(
            tf.tensor2d([
              [0, 0],
              [10, 10],
              [0, 0],
            ]),
            v,
          ).dataSync()[0],
      ),
    ).toBeCloseTo(0, 6);
  });

  it('computes squared distances by hand: (0,0)-(3,4) is 25', () => {
    expect(
      tf.tidy(() => squaredDistances(tf.tensor2d([[0, 0]]), tf.tensor2d([[3, 4]])).dataSync()[0]),
    ).toBeCloseTo(25, 5);
  });

  it('has gradients in the centres matching finite differences', () => {
    const z = tf.tensor2d(fixtures.softKMeans.z);
    const f = (v: tf.Tensor) => softKMeansLoss(z, v as tf.Tensor2D);
    const v0 = Float32Array.from(fixtures.softKMeans.centres.flat());
    expect(
      maxRelativeError(analyticGradient(f, v0, [2, 2]), numericGradient(f, v0, [2, 2], 1e-3)),
    ).toBeLessThan(1e-2);
  });
});

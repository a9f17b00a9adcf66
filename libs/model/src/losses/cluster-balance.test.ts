import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { analyticGradient, maxRelativeError, numericGradient } from '../test/gradient-check.js';
import { clusterBalanceLoss } from './cluster-balance.js';
import fixtures from './fixtures.json' with { type: 'json' };

beforeAll(async () => {
  await initBackend();
});

const value = (rows: number[][]) => tf.tidy(() => clusterBalanceLoss(tf.tensor2d(rows)).dataSync()[0]);

describe('clusterBalanceLoss', () => {
  it('equals log K minus scipy.stats.entropy of the column means', () => {
    expect(value(fixtures.clusterBalance.q)).toBeCloseTo(fixtures.clusterBalance.loss, 6);
  });

  it('is 0 for equal shares and log K when every cell is in one cluster', () => {
    expect(
      value([
        [1, 0],
        [0, 1],
      ]),
    ).toBeCloseTo(0, 6);
    expect(
      value([
        [0, 1, 0, 0],
        [0, 1, 0, 0],
      ]),
    ).toBeCloseTo(Math.log(4), 5);
  });

  it('has the gradient of finite differences', () => {
    const q0 = Float32Array.from(fixtures.clusterBalance.q.flat());
    const f = (q: tf.Tensor) => clusterBalanceLoss(q as tf.Tensor2D);
    expect(
      maxRelativeError(analyticGradient(f, q0, [4, 3]), numericGradient(f, q0, [4, 3], 1e-3)),
    ).toBeLessThan(1e-2);
  });
});

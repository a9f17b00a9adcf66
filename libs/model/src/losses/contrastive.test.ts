import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { analyticGradient, maxRelativeError, numericGradient } from '../test/gradient-check.js';
import { contrastiveLoss } from './contrastive.js';
import fixtures from './fixtures.json' with { type: 'json' };

beforeAll(async () => {
  await initBackend();
});

describe('contrastiveLoss (SupCon without labels)', () => {
  it('matches the NT-Xent value computed term by term in numpy', () => {
    const { z, zPair, temperature, loss } = fixtures.contrastive;
    const got = tf.tidy(
      () =>
        contrastiveLoss(tf.tensor2d(z), tf.tensor2d(zPair), {
          temperature,
          baseTemperature: 0.07,
        }).dataSync()[0],
    );
    expect(got).toBeCloseTo(loss, 4);
  });

  it('is log(2B - 1) when every vector is the same (no information)', () => {
    const same = tf.ones([4, 3]) as tf.Tensor2D;
    const got = tf.tidy(
      () => contrastiveLoss(same, same, { temperature: 1, baseTemperature: 1 }).dataSync()[0],
    );
    expect(got).toBeCloseTo(Math.log(7), 5);
  });

  it('has gradients matching finite differences', () => {
    const zPair = tf.tensor2d(fixtures.contrastive.zPair);
    const f = (t: tf.Tensor) => contrastiveLoss(t as tf.Tensor2D, zPair, { temperature: 0.5 });
    const z0 = Float32Array.from(fixtures.contrastive.z.flat());
    expect(
      maxRelativeError(analyticGradient(f, z0, [3, 2]), numericGradient(f, z0, [3, 2], 1e-3)),
    ).toBeLessThan(1e-2);
  });
});

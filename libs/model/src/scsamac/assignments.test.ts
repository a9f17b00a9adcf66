import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import fixtures from '../losses/fixtures.json' with { type: 'json' };
import { maxRelativeError } from '../test/gradient-check.js';
import { argmaxRows, softAssignment, targetDistribution } from './assignments.js';

beforeAll(async () => {
  await initBackend();
});

describe('DEC soft assignment and target', () => {
  it('match the Student-t q and the sharpened p computed in numpy', () => {
    const q = tf.tidy(
      () =>
        softAssignment(
          tf.tensor2d(fixtures.softKMeans.z),
          tf.tensor2d(fixtures.softKMeans.centres),
          1,
        ).dataSync() as Float32Array,
    );
    expect(maxRelativeError(q, fixtures.assignment.q.flat())).toBeLessThan(1e-6);
    expect(maxRelativeError(targetDistribution(q, 2), fixtures.assignment.p.flat())).toBeLessThan(1e-6);
  });

  it('argmaxRows picks the largest entry of each row', () => {
    expect(Array.from(argmaxRows(Float32Array.from([0.1, 0.9, 0.7, 0.3]), 2))).toEqual([1, 0]);
  });
});

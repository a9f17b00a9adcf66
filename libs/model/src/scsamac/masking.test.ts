import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { maskProbabilities, saliencyMask } from './masking.js';

beforeAll(async () => {
  await initBackend();
});

const options = {
  thresholds: [0.1, 0.3] as [number, number],
  probabilities: [0.6, 0.3, 0.1] as [number, number, number],
};

describe('saliency-adjusted masking', () => {
  // 3 cells x 4 genes; column sums 10, 2, 0.5, 4 -> ratios 1, 0.2, 0.05, 0.4 -> p 0.1, 0.3, 0.6, 0.1
  const x = () =>
    tf.tensor2d([
      [5, 1, 0.5, 2],
      [3, 0.5, 0, 1],
      [2, 0.5, 0, 1],
    ]);

  it('assigns each gene the probability of its column-sum ratio band', () => {
    expect(Array.from(tf.tidy(() => maskProbabilities(x(), options).dataSync()))).toEqual(
      [0.1, 0.3, 0.6, 0.1].map(Math.fround),
    );
  });

  it('zeroes whole columns with those probabilities (within 4 binomial sd over 1,000 draws)', () => {
    const draws = 1000;
    const zeroed = new Float64Array(4);
    const base = x();
    const original = base.arraySync() as number[][];
    const uniforms = tf.randomUniform([draws, 4], 0, 1, 'float32', 7);
    for (let d = 0; d < draws; d++) {
      const masked = tf.tidy(() =>
        saliencyMask(base, options, tf.slice(uniforms, [d, 0], [1, 4])).arraySync(),
      ) as number[][];
      for (let j = 0; j < 4; j++) {
        const column = masked.map((row) => row[j]);
        if (column.every((v) => v === 0)) zeroed[j]++;
        else expect(column).toEqual(original.map((row) => Math.fround(row[j]))); // kept columns are untouched
      }
    }
    [0.1, 0.3, 0.6, 0.1].forEach((p, j) => {
      const sd = Math.sqrt(draws * p * (1 - p));
      // column 2 has a zero sum only through masking, its values are not all zero
      expect(Math.abs(zeroed[j] - draws * p)).toBeLessThan(4 * sd);
    });
  });
});

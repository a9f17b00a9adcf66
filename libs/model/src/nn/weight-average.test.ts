import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { WeightAverage } from './weight-average.js';

beforeAll(async () => {
  await initBackend();
});

describe('WeightAverage', () => {
  it('averages with the warm-up decays min(d, (1 + t) / (10 + t)), by hand', () => {
    const w = tf.variable(tf.tensor1d([0, 10]));
    const average = new WeightAverage([w], 0.15);
    const set = (values: number[]) => tf.tidy(() => w.assign(tf.tensor1d(values)));
    const before = tf.memory().numTensors;
    // t = 0: d = min(0.15, 1/10) = 0.1; t = 1: d = min(0.15, 2/11) = 0.15; t = 2: d = 0.15.
    set([1, 20]);
    average.update(); // 0.1 * [0, 10] + 0.9 * [1, 20] = [0.9, 19]
    set([2, 30]);
    average.update(); // 0.15 * [0.9, 19] + 0.85 * [2, 30] = [1.835, 28.35]
    set([4, 0]);
    average.update(); // 0.15 * [1.835, 28.35] + 0.85 * [4, 0] = [3.67525, 4.2525]
    expect(tf.memory().numTensors).toBe(before);
    average.assign();
    const values = Array.from(w.dataSync());
    expect(values[0]).toBeCloseTo(3.67525, 5);
    expect(values[1]).toBeCloseTo(4.2525, 4);
    average.dispose();
    w.dispose();
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { createRandom } from '../random.js';
import { RandomBank } from './random-bank.js';

beforeAll(async () => {
  await initBackend();
});

function moments(values: Float32Array): { mean: number; sd: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / values.length) };
}

describe('RandomBank', () => {
  it('draws normals with the asked sd and uniforms on [0, 1) with mean 1/2 and sd 1/sqrt(12)', () => {
    const bank = new RandomBank(createRandom(1), 1, 7);
    const normal = moments(bank.normal([200, 500], 2.5).dataSync() as Float32Array);
    // 100,000 draws: the mean's standard error is 2.5 / 316 = 0.008.
    expect(Math.abs(normal.mean)).toBeLessThan(0.04);
    expect(normal.sd).toBeCloseTo(2.5, 1);
    const uniforms = bank.uniform([100_000]).dataSync() as Float32Array;
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    const uniform = moments(uniforms);
    expect(uniform.mean).toBeCloseTo(0.5, 2);
    expect(uniform.sd).toBeCloseTo(1 / Math.sqrt(12), 2);
    bank.dispose();
  });

  it('drops a dropout mask entry with probability rate and scales the kept ones by 1 / (1 - rate)', () => {
    const bank = new RandomBank(createRandom(2), 2, 8);
    const rate = 0.1;
    const mask = bank.dropoutMask([256, 256], rate).dataSync() as Float32Array;
    const kept = mask.filter((v) => v !== 0);
    const dropped = 1 - kept.length / mask.length;
    // Binomial tolerance: 4 standard errors of 65,536 draws at p = 0.1 is 0.0047.
    expect(Math.abs(dropped - rate)).toBeLessThan(0.0047);
    for (const v of kept) expect(v).toBeCloseTo(1 / (1 - rate), 5);
    bank.dispose();
  });

  it('gives different draws in a row, and the same sequence for the same seed', () => {
    const draws = (seed: number) => {
      const bank = new RandomBank(createRandom(seed), seed, 3);
      const out = [0, 1, 2].map(() => Array.from(bank.normal([4, 5]).dataSync()));
      bank.dispose();
      return out;
    };
    const first = draws(5);
    expect(first[0]).not.toEqual(first[1]);
    expect(draws(5)).toEqual(first);
    expect(draws(6)[0]).not.toEqual(first[0]);
  });

  it('leaks no tensors across draws', () => {
    const bank = new RandomBank(createRandom(4), 4);
    tf.tidy(() => bank.normal([16, 16]));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++)
      tf.dispose([bank.normal([16, 16]), bank.dropoutMask([16, 16], 0.2), bank.uniform([16])]);
    // The first dropout and uniform draws fill their pools (kept: pool size 8 each).
    expect(tf.memory().numTensors - before).toBe(16);
    bank.dispose();
  });
});

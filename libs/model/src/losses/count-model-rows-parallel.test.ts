import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { DISPERSION_RANGE, MEAN_RANGE } from '../nn/network.js';
import { values } from '../test/gradient-check.js';
import { countModelRowsParallel, waitForValue } from './count-model-rows-parallel.js';
import { countModelRows } from './count-model-rows.js';
import { EPS } from './negative-binomial.js';

const limits = [MEAN_RANGE[0], MEAN_RANGE[1], DISPERSION_RANGE[0], DISPERSION_RANGE[1], EPS];

/** A batch with logits inside and outside the clamps and counts that are zero, small, large or fractional. */
function batch(rows: number, genes: number, heads: number, seed: number) {
  return {
    logits: values(rows * heads * genes, -14, 16, seed),
    counts: values(rows * genes, -30, 40, seed + 1).map((v) =>
      v < 0 ? 0 : v < 20 ? Math.floor(v) : v * 7.3,
    ),
    sizeFactors: values(rows, 0.3, 3, seed + 2),
    genes,
    rowStart: 0,
    rowEnd: rows,
    terms: null,
    limits,
  };
}

describe.each([
  { model: 'NB', zeroInflated: false, heads: 2 },
  { model: 'ZINB', zeroInflated: true, heads: 3 },
])('countModelRowsParallel ($model)', ({ zeroInflated, heads }) => {
  it('gives the one-thread sum and gradient bit for bit, for growing and shrinking batches', () => {
    // 64 rows, then more rows and genes (the shared buffers grow), then fewer (they are reused), then an odd count.
    for (const [rows, genes, seed] of [
      [64, 40, 1],
      [256, 90, 5],
      [16, 30, 9],
      [7, 13, 13],
    ]) {
      const b = batch(rows, genes, heads, seed);
      const one = new Float32Array(rows * heads * genes);
      const two = new Float32Array(rows * heads * genes);
      const sumOne = countModelRows({ ...b, gradient: one }, zeroInflated);
      expect(countModelRowsParallel({ ...b, gradient: two }, zeroInflated, 2)).toBe(sumOne);
      expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
      // Not a vacuous match: the sum is finite and every row has a nonzero gradient.
      expect(Number.isFinite(sumOne)).toBe(true);
      for (let i = 0; i < rows; i++)
        expect(one.subarray(i * heads * genes, (i + 1) * heads * genes).some((v) => v !== 0)).toBe(true);
    }
  });

  it('runs on this thread alone for one thread or one row', () => {
    const b = batch(1, 20, heads, 3);
    const gradient = new Float32Array(heads * 20);
    const reference = new Float32Array(heads * 20);
    expect(countModelRowsParallel({ ...b, gradient }, zeroInflated, 4)).toBe(
      countModelRows({ ...b, gradient: reference }, zeroInflated),
    );
    expect(Array.from(gradient)).toEqual(Array.from(reference));
  });
});

it('switches between the passes on one helper (NB, ZINB, NB again with more genes than the buffers held)', async () => {
  // A fresh module, so a fresh helper whose buffers the tests above have not grown. The last NB batch's logits fit
  // the ZINB batch's buffers, its counts do not: the buffers must grow.
  vi.resetModules();
  const { countModelRowsParallel } = await import('./count-model-rows-parallel.js');
  for (const [zeroInflated, genes] of [
    [false, 25],
    [true, 25],
    [false, 37],
  ] as const) {
    const heads = zeroInflated ? 3 : 2;
    const b = batch(32, genes, heads, 21);
    const one = new Float32Array(32 * heads * genes);
    const two = new Float32Array(32 * heads * genes);
    expect(countModelRowsParallel({ ...b, gradient: two }, zeroInflated, 2)).toBe(
      countModelRows({ ...b, gradient: one }, zeroInflated),
    );
    expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
  }
});

describe('waitForValue', () => {
  it('returns once another thread stores the value, for every one of many quick answers', () => {
    // An echo thread answers each request as soon as it sees it, so its store can land between this thread's check
    // and its wait: the moment an earlier form of the wait slept through until its timeout. That form failed a
    // script like this in one of about ten runs of 50,000 requests on a loaded machine, so this test catches it only
    // rarely; it checks that no answer is ever missed, and the timeout test below checks the error.
    const control = new Int32Array(new SharedArrayBuffer(8));
    const echo = new Worker(
      `const c = new Int32Array(require('node:worker_threads').workerData);
      for (let seen = 0; seen >= 0; ) {
        Atomics.wait(c, 0, seen);
        seen = Atomics.load(c, 0);
        Atomics.store(c, 1, seen);
        Atomics.notify(c, 1);
      }`,
      { eval: true, workerData: control.buffer },
    );
    try {
      for (let request = 1; request <= 20_000; request++) {
        Atomics.store(control, 0, request);
        Atomics.notify(control, 0);
        waitForValue(control, 1, request, 5_000, 'the echo thread');
        expect(Atomics.load(control, 1)).toBe(request);
      }
    } finally {
      void echo.terminate();
    }
  });

  it('names who did not answer once the time is up', () => {
    const control = new Int32Array(new SharedArrayBuffer(8));
    expect(() => waitForValue(control, 1, 7, 50, 'the echo thread')).toThrow(
      'the echo thread did not answer within 0.05 s',
    );
    // Already there: no wait at all.
    Atomics.store(control, 1, 7);
    waitForValue(control, 1, 7, 1, 'the echo thread');
  });
});

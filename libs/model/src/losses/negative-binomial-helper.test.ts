import { describe, expect, it } from 'vitest';
import { DISPERSION_RANGE, MEAN_RANGE } from '../nn/network.js';
import { values } from '../test/gradient-check.js';
import { negativeBinomialRowsParallel } from './negative-binomial-helper.js';
import { negativeBinomialRows } from './negative-binomial-rows.js';
import { EPS } from './negative-binomial.js';

const limits = [MEAN_RANGE[0], MEAN_RANGE[1], DISPERSION_RANGE[0], DISPERSION_RANGE[1], EPS];

/** A batch with logits inside and outside the clamps and counts that are zero, small, large or fractional. */
function batch(rows: number, genes: number, seed: number) {
  return {
    logits: values(rows * 2 * genes, -14, 16, seed),
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

/** The sum and gradient of one thread, then of two, on the same batch. */
function bothWays(rows: number, genes: number, seed: number) {
  const b = batch(rows, genes, seed);
  const one = new Float32Array(rows * 2 * genes);
  const two = new Float32Array(rows * 2 * genes);
  return {
    one: { sum: negativeBinomialRows({ ...b, gradient: one }), gradient: one },
    two: { sum: negativeBinomialRowsParallel({ ...b, gradient: two }, 2), gradient: two },
  };
}

describe('negativeBinomialRowsParallel', () => {
  it('gives the one-thread sum and gradient bit for bit, for growing and shrinking batches', () => {
    // 64 rows, then more rows and genes (the shared buffers grow), then fewer (they are reused), then an odd count.
    for (const [rows, genes, seed] of [
      [64, 40, 1],
      [256, 90, 5],
      [16, 30, 9],
      [7, 13, 13],
    ]) {
      const { one, two } = bothWays(rows, genes, seed);
      expect(two.sum).toBe(one.sum);
      expect(Buffer.from(two.gradient.buffer).equals(Buffer.from(one.gradient.buffer))).toBe(true);
      // Not a vacuous match: every row has a nonzero gradient and the sum is finite.
      expect(Number.isFinite(one.sum)).toBe(true);
      for (let i = 0; i < rows; i++)
        expect(one.gradient.subarray(i * 2 * genes, (i + 1) * 2 * genes).some((v) => v !== 0)).toBe(true);
    }
  });

  it('runs on this thread alone for one thread or one row', () => {
    const b = batch(1, 20, 3);
    const gradient = new Float32Array(40);
    const reference = new Float32Array(40);
    expect(negativeBinomialRowsParallel({ ...b, gradient }, 4)).toBe(
      negativeBinomialRows({ ...b, gradient: reference }),
    );
    expect(Array.from(gradient)).toEqual(Array.from(reference));
  });
});

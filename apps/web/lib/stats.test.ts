import { describe, expect, it } from 'vitest';
import { extent, formatMeanSd, histogram, mean, standardDeviation } from './stats';

describe('stats', () => {
  it('computes the mean and the sample standard deviation by hand-checked values', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, sample variance 32 / 7.
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(values)).toBe(5);
    expect(standardDeviation(values)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(standardDeviation([0.5])).toBe(0);
    expect(Number.isNaN(mean([]))).toBe(true);
  });

  it('formats a mean with its spread, and a missing value as a dash', () => {
    expect(formatMeanSd(0.81234, 0.01349)).toBe('0.812 ± 0.013');
    expect(formatMeanSd(0.5)).toBe('0.500');
    expect(formatMeanSd(null)).toBe('—');
    expect(formatMeanSd(0.5, Number.NaN, 2)).toBe('0.50');
  });

  it('bins values into equal-width bins with the maximum in the last bin', () => {
    const { edges, counts } = histogram([0, 1, 2, 3, 4, 10], 5);
    expect(edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(counts).toEqual([2, 2, 1, 0, 1]);
    expect(histogram([3, 3], 2).counts).toEqual([2, 0]);
  });

  it('finds the smallest and largest of more values than a function takes as arguments', () => {
    const values = new Float32Array(300_000).map((_, index) => Math.sin(index));
    values[123_456] = -7;
    values[299_999] = 9;
    expect(extent(values)).toEqual({ min: -7, max: 9 });
    expect(extent([])).toEqual({ min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY });
  });
});

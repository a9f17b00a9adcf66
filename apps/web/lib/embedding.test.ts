import { describe, expect, it } from 'vitest';
import {
  encodeCategories,
  evenSample,
  splitCoordinates,
  toDeviceCoordinates,
  toUnitRange,
} from './embedding';

describe('embedding helpers', () => {
  it('splits interleaved coordinates into x and y', () => {
    const { x, y } = splitCoordinates({ cells: 3, coordinates: [1, -1, 2.5, 4, 0, 7] });
    expect(Array.from(x)).toEqual([1, 2.5, 0]);
    expect(Array.from(y)).toEqual([-1, 4, 7]);
  });

  it('maps coordinates into [-1, 1] keeping the aspect ratio', () => {
    const { x, y } = toDeviceCoordinates([0, 10, 5], [0, 5, 2.5], 0);
    expect(Array.from(x)).toEqual([-1, 1, 0]);
    // y spans half of x's range, so it covers [-0.5, 0.5].
    expect(Array.from(y)).toEqual([-0.5, 0.5, 0]);
    expect(() => toDeviceCoordinates([0, 1], [0])).toThrow('x has 2 coordinates but y has 1');
  });

  it('scales values to [0, 1] and leaves constant values at 0', () => {
    expect(Array.from(toUnitRange([2, 4, 3]).values)).toEqual([0, 1, 0.5]);
    expect(Array.from(toUnitRange([7, 7]).values)).toEqual([0, 0]);
  });

  it('codes categories in natural order', () => {
    const { codes, names } = encodeCategories(['10', '2', 'b', '2', 'a']);
    expect(names).toEqual(['2', '10', 'a', 'b']);
    expect(Array.from(codes)).toEqual([1, 0, 3, 0, 2]);
  });

  it('samples at most the limit, evenly spaced, keeping every cluster its share', () => {
    expect(evenSample(4, 10)).toEqual([0, 1, 2, 3]);
    expect(evenSample(10, 4)).toEqual([0, 2, 5, 7]);
    // Cells ordered by cluster (600 of A, 300 of B, 100 of C): a 100-point sample keeps 60 / 30 / 10.
    const cluster = (index: number) => (index < 600 ? 'A' : index < 900 ? 'B' : 'C');
    const counts = evenSample(1000, 100).reduce<Record<string, number>>((tally, index) => {
      tally[cluster(index)] = (tally[cluster(index)] ?? 0) + 1;
      return tally;
    }, {});
    expect(counts).toEqual({ A: 60, B: 30, C: 10 });
  });
});

import { describe, expect, it } from 'vitest';
import { kernelDensity, markerGrid, summariseByCluster, type MarkerRow } from './markers';

const row = (cluster: number, rank: number, gene: string, fractionIn: number, meanIn: number): MarkerRow => ({
  cluster,
  rank,
  gene,
  fractionIn,
  meanIn,
  logFoldChange: 1,
  pValueAdjusted: 0.01,
});

describe('markers', () => {
  it('takes the top markers per cluster, once each, and fills only known pairs', () => {
    const grid = markerGrid(
      [
        row(1, 1, 'Ins1', 0.9, 3),
        row(0, 2, 'Gcg', 0.5, 1),
        row(0, 1, 'Ins1', 0.2, 0.5),
        row(1, 2, 'Ppy', 0.4, 2),
      ],
      1,
    );
    expect(grid.clusters).toEqual([0, 1]);
    expect(grid.genes).toEqual(['Ins1']);
    expect(grid.cells).toEqual([[{ fraction: 0.2, mean: 0.5 }], [{ fraction: 0.9, mean: 3 }]]);
    expect(grid.maxMean).toBe(3);
    const two = markerGrid([row(0, 1, 'A', 0.5, 1), row(1, 1, 'B', 0.5, 2)], 1);
    expect(two.cells).toEqual([
      [{ fraction: 0.5, mean: 1 }, null],
      [null, { fraction: 0.5, mean: 2 }],
    ]);
  });

  it('summarises a gene per cluster by hand-checked values', () => {
    const summary = summariseByCluster([0, 2, 4, 0, 1], [0, 0, 0, 1, 1]);
    expect(summary.get(0)).toEqual({ fraction: 2 / 3, mean: 2 });
    expect(summary.get(1)).toEqual({ fraction: 0.5, mean: 0.5 });
  });

  it('estimates a Gaussian kernel density by hand-checked values', () => {
    // One value: bandwidth 1.06 (sd taken as 1), so the density at the value is 1 / (1.06 * sqrt(2 pi)).
    expect(kernelDensity([3], 1).density[0]).toBeCloseTo(1 / (1.06 * Math.sqrt(2 * Math.PI)), 10);
    // Two values 0 and 2: sd sqrt(2), bandwidth 1.06 sqrt(2) 2^-0.2; symmetric about 1.
    const { x, density } = kernelDensity([0, 2], 3);
    expect(x).toEqual([0, 1, 2]);
    const h = 1.06 * Math.SQRT2 * 2 ** -0.2;
    const expected = (at: number) =>
      (Math.exp(-0.5 * (at / h) ** 2) + Math.exp(-0.5 * ((at - 2) / h) ** 2)) /
      (2 * h * Math.sqrt(2 * Math.PI));
    expect(density[0]).toBeCloseTo(expected(0), 12);
    expect(density[1]).toBeCloseTo(expected(1), 12);
    expect(density[2]).toBeCloseTo(density[0]!, 12);
  });
});

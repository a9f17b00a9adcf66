import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import type { CsrMatrix } from '../matrix.js';
import * as pp from '../pp/index.js';
import { toCsr } from '../pp/dense.js';
import { createRandom } from '../random.js';
import { quickMixture, quickScsamacOptions } from '../test/synthetic.js';
import { cluster, embed } from './cluster.js';
import { contentOrder, prepareData, standardisedBatch } from './data.js';

// 4 cells x 5 genes; gene 4 is a "hormone": huge in cells 0 and 1, so a subset's own totals would be set by it.
const counts = [
  [2, 0, 1, 0, 500],
  [0, 3, 0, 1, 300],
  [4, 0, 2, 5, 0],
  [1, 1, 0, 0, 0],
];
const matrix: CsrMatrix = toCsr({ rows: 4, cols: 5, data: Float32Array.from(counts.flat()) });
const totals = counts.map((row) => row.reduce((a, b) => a + b, 0)); // 503, 304, 11, 2

function valueAt(m: CsrMatrix, row: number, col: number): number {
  for (let p = m.indptr[row]; p < m.indptr[row + 1]; p++) if (m.indices[p] === col) return m.data[p];
  return 0;
}

describe('prepareData', () => {
  const base = { seed: 1, minCellCounts: 1, minGeneCounts: 1, extraDropout: 0 };

  it('scales each cell by its total over all genes, also when only some genes are kept', () => {
    const data = prepareData(matrix, { ...base, targetSum: 1e4, topGenes: 3 }, createRandom(1));
    expect(data.genes.length).toBe(3);
    // Row i of the prepared matrices is cell data.cells[i] of the input (content order, see contentOrder).
    expect([...data.cells].sort()).toEqual([0, 1, 2, 3]);
    data.genes.forEach((gene, j) => {
      data.cells.forEach((cell, i) =>
        expect(valueAt(data.logNormalised, i, j)).toBeCloseTo(
          Math.log1p((counts[cell][gene] * 1e4) / totals[cell]),
          5,
        ),
      );
    });
    // Size factors: total over all genes / median total (median of 2, 11, 304, 503 = 157.5).
    expect([...data.sizeFactors].map((v) => +v.toFixed(5))).toEqual(
      [...data.cells].map((cell) => +(totals[cell] / 157.5).toFixed(5)),
    );
    expect(data.targetSum).toBe(1e4);
  });

  it('scales to the median total when targetSum is null', () => {
    const data = prepareData(matrix, { ...base, targetSum: null, topGenes: 0 }, createRandom(1));
    expect(data.targetSum).toBe(157.5);
    expect(valueAt(data.logNormalised, data.cells.indexOf(2), 3)).toBeCloseTo(
      Math.log1p((5 * 157.5) / 11),
      5,
    );
  });
});

describe('contentOrder', () => {
  it('orders rows by their contents alone: any order of the same rows gives the same sequence of rows', () => {
    const order = contentOrder(matrix, 1);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    const shuffled = [2, 0, 3, 1];
    const again = contentOrder(pp.selectCells(matrix, shuffled), 1);
    expect(Array.from(again, (i) => shuffled[i])).toEqual([...order]);
  });

  it('keeps equal rows in their input order and tells rows apart by values, not only by columns', () => {
    const m = toCsr({ rows: 3, cols: 2, data: Float32Array.from([1, 2, 1, 2, 1, 3]) });
    const order = [...contentOrder(m, 1)];
    expect(order.indexOf(0)).toBeLessThan(order.indexOf(1));
    const swapped = contentOrder(pp.selectCells(m, [2, 0, 1]), 1);
    expect(Array.from(swapped, (i) => [2, 0, 1][i])).toEqual(order);
  });

  it('gives each seed its own order of the same rows', () => {
    // 40 distinct rows: [i + 1] in column i % 3.
    const rows = 40;
    const values = new Float32Array(rows * 3);
    for (let i = 0; i < rows; i++) values[i * 3 + (i % 3)] = i + 1;
    const m = toCsr({ rows, cols: 3, data: values });
    const orders = [1, 2, 3].map((seed) => contentOrder(m, seed).join());
    expect(new Set(orders).size).toBe(3);
    expect(contentOrder(m, 2).join()).toBe(orders[1]);
  });
});

describe('standardisedBatch', () => {
  it('standardises every entry of the rows asked for, zeros included, in their order', () => {
    // 2 cells x 3 genes of log-normalised values; gene means 1, 0.5, 1; inverse sds 2, 10, 5.
    const logNormalised = toCsr({ rows: 2, cols: 3, data: Float32Array.from([3, 0, 0, 0, 2, 0]) });
    const x = standardisedBatch(
      logNormalised,
      Float32Array.from([1, 0.5, 1]),
      Float32Array.from([2, 10, 5]),
      [1, 0],
    );
    // Row 1 first: (0-1)*2, (2-0.5)*10, (0-1)*5; then row 0: (3-1)*2, (0-0.5)*10, (0-1)*5.
    expect([...x]).toEqual([-2, 15, -5, 4, -5, -5]);
  });
});

describe('embed after gene selection', () => {
  it('normalises new cells as training did (the training cells get their training latent back)', async () => {
    await initBackend();
    const { matrix: mixture } = quickMixture();
    // One batch holds every cell, so attention sees the same cells at training and at inference.
    const result = await cluster(mixture, {
      ...quickScsamacOptions,
      topGenes: 100,
      batchSize: mixture.rows,
      pretrainSteps: 4,
      clusterSteps: 2,
    });
    expect(result.model.genes.length).toBe(100);
    const z = await embed(JSON.parse(JSON.stringify(result.model)), mixture);
    let worst = 0;
    z.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - result.latent[i]))));
    expect(worst).toBeLessThan(1e-4);
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CsrMatrix } from '../matrix.js';
import { toCsr, toDense } from './dense.js';
import { filterCellsGenes, selectCells } from './filter.js';
import { columnMeanVariance, highlyVariableGenes, selectGenes } from './genes.js';
import { librarySizes, log1p, median, normalizeTotal, sizeFactors } from './normalize.js';
import { scale } from './scale.js';

// Made by libs/model/fixtures/make_classic_fixtures.py (numpy, the recipe of ../shared/tools/run_classic.py).
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/preprocessing.json', import.meta.url), 'utf8'),
) as {
  rows: number;
  cols: number;
  counts: number[];
  keptCells: number[];
  keptGenes: number[];
  librarySizes: number[];
  sizeFactors: number[];
  logNormalised: number[];
  dispersion: number[];
  hvg: number[];
  scaled: number[];
  clipAt: number;
  scaledClipped: number[];
};

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let q = 0; q < expected.length; q++) worst = Math.max(worst, Math.abs(actual[q] - expected[q]));
  expect(worst).toBeLessThan(tolerance);
}

const counts = toCsr({ rows: fixture.rows, cols: fixture.cols, data: Float32Array.from(fixture.counts) });

describe('pp against numpy', () => {
  const { matrix, keptCells, keptGenes } = filterCellsGenes(counts);
  const logNormalised = log1p(normalizeTotal(matrix, { targetSum: 1e4 }));
  const hvg = highlyVariableGenes(logNormalised, { nTop: 20, flavor: 'dispersion' });

  it('filters empty genes, then cells left empty', () => {
    expect([...keptGenes]).toEqual(fixture.keptGenes);
    expect([...keptCells]).toEqual(fixture.keptCells);
    expect(matrix.rows).toBe(fixture.keptCells.length);
    expect(matrix.cols).toBe(fixture.keptGenes.length);
  });

  it('computes library sizes, size factors and log-normalised values', () => {
    expectClose(librarySizes(matrix), fixture.librarySizes, 1e-9);
    expectClose(sizeFactors(matrix), fixture.sizeFactors, 1e-6);
    expectClose(toDense(logNormalised).data, fixture.logNormalised, 2e-6);
  });

  it('ranks genes by dispersion like the Python recipe', () => {
    const { mean, variance } = columnMeanVariance(logNormalised);
    const dispersion = Array.from(mean, (m, j) => (m > 0 ? variance[j] / m : 0));
    expectClose(dispersion, fixture.dispersion, 1e-5);
    expect([...hvg]).toEqual(fixture.hvg);
  });

  it('selects genes in the given order and scales with and without clipping', () => {
    const selected = selectGenes(logNormalised, hvg);
    expect(selected.cols).toBe(20);
    for (let i = 0; i < selected.rows; i++) {
      for (let p = selected.indptr[i] + 1; p < selected.indptr[i + 1]; p++) {
        expect(selected.indices[p]).toBeGreaterThan(selected.indices[p - 1]);
      }
    }
    expectClose(scale(selected).data, fixture.scaled, 2e-5);
    expectClose(scale(selected, { maxValue: fixture.clipAt }).data, fixture.scaledClipped, 2e-5);
    // Dense input gives the same result as sparse input.
    expectClose(scale(toDense(selected)).data, fixture.scaled, 2e-5);
  });
});

describe('pp by hand', () => {
  // [[1, 0, 3], [0, 0, 0], [4, 4, 0]]
  const m: CsrMatrix = {
    rows: 3,
    cols: 3,
    indptr: Int32Array.from([0, 2, 2, 4]),
    indices: Int32Array.from([0, 2, 0, 1]),
    data: Float32Array.from([1, 3, 4, 4]),
  };

  it('normalises to the median library size by default and keeps empty cells at zero', () => {
    expect([...librarySizes(m)]).toEqual([4, 0, 8]);
    expect(median([4, 0, 8])).toBe(4);
    expect(median([4, 0, 8, 10])).toBe(6);
    expect([...normalizeTotal(m).data]).toEqual([1, 3, 2, 2]);
    expect([...sizeFactors(m)]).toEqual([1, 0, 2]);
    expect([...log1p(m).data]).toEqual([1, 3, 4, 4].map((v) => Math.fround(Math.log1p(v))));
  });

  it('applies count thresholds to genes, then to cells', () => {
    const { keptCells, keptGenes, matrix } = filterCellsGenes(m, { minGeneCounts: 4, minCellCounts: 4 });
    expect([...keptGenes]).toEqual([0, 1]);
    // Cell 0 has 1 count left on genes 0 and 1, below 4.
    expect([...keptCells]).toEqual([2]);
    expect([...toDense(matrix).data]).toEqual([4, 4]);
  });

  it('picks and reorders rows with selectCells, a row twice included', () => {
    const picked = selectCells(m, [2, 0, 2, 1]);
    expect(picked.rows).toBe(4);
    expect([...toDense(picked).data]).toEqual([4, 4, 0, 1, 0, 3, 4, 4, 0, 0, 0, 0]);
  });

  it('reorders columns with selectGenes and scales columns to mean 0, sd 1', () => {
    const selected = selectGenes(m, Int32Array.from([2, 0]));
    expect([...toDense(selected).data]).toEqual([3, 1, 0, 0, 0, 4]);
    // Column [3, 0, 0]: mean 1, sd sqrt(3) -> [2, -1, -1] / sqrt(3); a constant column becomes 0.
    const scaled = scale({ rows: 3, cols: 2, data: Float32Array.from([3, 5, 0, 5, 0, 5]) });
    const r3 = Math.sqrt(3);
    expectClose(scaled.data, [2 / r3, 0, -1 / r3, 0, -1 / r3, 0], 1e-6);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pca } from './pca.js';
import { tridiagonalEigen } from './tridiagonal-eigen.js';

function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

// Made by libs/model/fixtures/make_classic_fixtures.py (scikit-learn PCA with the exact LAPACK SVD).
const small = readFixture<{
  rows: number;
  cols: number;
  x: number[];
  explainedVariance: number[];
  absScores: number[];
  absComponents: number[];
}>('pca_kmeans_neighbors.json');
const larger = readFixture<{
  rows: number;
  cols: number;
  explainedVariance: number[];
  explainedVarianceRatio: number[];
}>('pca_formula.json');

function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let q = 0; q < expected.length; q++) {
    worst = Math.max(worst, Math.abs(actual[q] - expected[q]) / Math.abs(expected[q]));
  }
  return worst;
}

/** The same formula as formula_matrix() in the fixture script, rounded to float32. */
function formulaMatrix(rows: number, cols: number): Float32Array {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      data[i * cols + j] =
        Math.sin(i * 0.731 + j * j * 0.1193) * (1 + (j % 7)) +
        Math.cos(i * j * 0.0317) +
        (Math.sin(i * i * 0.0071 + j * 0.37) * (j % 13)) / 4 +
        Math.sin(i * j * j * 0.00013);
    }
  }
  return data;
}

describe('tridiagonalEigen', () => {
  it('solves a 2 x 2 case by hand', () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, vectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2.
    const { values, vectors } = tridiagonalEigen([2, 2], [1, 0], true);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    const v = vectors as Float64Array;
    expect(Math.abs(v[0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(v[0] * v[1]).toBeGreaterThan(0);
    expect(v[2] * v[3]).toBeLessThan(0);
  });

  it('returns eigenpairs of a random tridiagonal matrix (T v = lambda v)', () => {
    const n = 40;
    const d = Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 3);
    const e = Array.from({ length: n }, (_, i) => (i < n - 1 ? Math.cos(i * 0.9) : 0));
    const { values, vectors } = tridiagonalEigen(d, e, true);
    const v = vectors as Float64Array;
    let worst = 0;
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < n; i++) {
        const tv =
          d[i] * v[r * n + i] +
          (i > 0 ? e[i - 1] * v[r * n + i - 1] : 0) +
          (i < n - 1 ? e[i] * v[r * n + i + 1] : 0);
        worst = Math.max(worst, Math.abs(tv - values[r] * v[r * n + i]));
      }
      if (r > 0) expect(values[r]).toBeLessThanOrEqual(values[r - 1]);
    }
    expect(worst).toBeLessThan(1e-12);
    // Trace is preserved.
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(
      d.reduce((a, b) => a + b, 0),
      10,
    );
  });
});

describe('pca', () => {
  it('matches the exact SVD on a small matrix: variances, |scores|, |components|', () => {
    const result = pca(
      { rows: small.rows, cols: small.cols, data: Float32Array.from(small.x) },
      { nComponents: 10 },
    );
    expect(maxRelativeError(result.explainedVariance, small.explainedVariance)).toBeLessThan(1e-6);
    let worstScore = 0;
    for (let q = 0; q < small.absScores.length; q++) {
      worstScore = Math.max(worstScore, Math.abs(Math.abs(result.scores.data[q]) - small.absScores[q]));
    }
    expect(worstScore).toBeLessThan(1e-3);
    let worstComponent = 0;
    for (let q = 0; q < small.absComponents.length; q++) {
      worstComponent = Math.max(
        worstComponent,
        Math.abs(Math.abs(result.components.data[q]) - small.absComponents[q]),
      );
    }
    expect(worstComponent).toBeLessThan(1e-5);
  });

  it('matches the exact SVD on 1000 x 300 with a flat tail (50 components) and is the same for a seed', () => {
    const x = { rows: larger.rows, cols: larger.cols, data: formulaMatrix(larger.rows, larger.cols) };
    const result = pca(x, { nComponents: 50, seed: 1 });
    expect(maxRelativeError(result.explainedVariance, larger.explainedVariance)).toBeLessThan(1e-6);
    expect(maxRelativeError(result.explainedVarianceRatio, larger.explainedVarianceRatio)).toBeLessThan(1e-6);
    // Scores are uncorrelated with variances equal to the explained variance.
    const { rows, cols, data } = result.scores;
    for (const [a, b] of [
      [0, 1],
      [3, 49],
    ]) {
      let dot = 0;
      let square = 0;
      for (let i = 0; i < rows; i++) {
        dot += data[i * cols + a] * data[i * cols + b];
        square += data[i * cols + b] ** 2;
      }
      expect(Math.abs(dot) / (rows - 1)).toBeLessThan(1e-3 * result.explainedVariance[0]);
      expect(square / (rows - 1) / result.explainedVariance[b]).toBeCloseTo(1, 4);
    }
    const again = pca(x, { nComponents: 50, seed: 1 });
    expect([...again.scores.data.subarray(0, 200)]).toEqual([...data.subarray(0, 200)]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { kmeans } from './kmeans.js';

// Made by libs/model/fixtures/make_classic_fixtures.py (scikit-learn KMeans, n_init 20).
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/pca_kmeans_neighbors.json', import.meta.url), 'utf8'),
) as { rows: number; cols: number; x: number[]; truth: number[]; kmeansInertia: number };

/** Rand index-free check: two labelings are equal up to renaming. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((forward.get(a[i]) ?? b[i]) !== b[i] || (backward.get(b[i]) ?? a[i]) !== a[i]) return false;
    forward.set(a[i], b[i]);
    backward.set(b[i], a[i]);
  }
  return true;
}

describe('kmeans', () => {
  const x = { rows: fixture.rows, cols: fixture.cols, data: Float32Array.from(fixture.x) };

  it('finds the planted blobs with scikit-learn inertia', () => {
    const result = kmeans(x, { k: 4, seed: 1 });
    expect(samePartition(result.labels, fixture.truth)).toBe(true);
    expect(Math.abs(result.inertia - fixture.kmeansInertia) / fixture.kmeansInertia).toBeLessThan(1e-6);
    expect(result.centres.rows).toBe(4);
    expect(result.centres.cols).toBe(fixture.cols);
  });

  it('returns centres that are the means of their clusters and an inertia that matches them', () => {
    const result = kmeans(x, { k: 6, seed: 2, nInit: 3 });
    const { rows, cols } = x;
    let inertia = 0;
    for (let c = 0; c < 6; c++) {
      const mean = new Float64Array(cols);
      let count = 0;
      for (let i = 0; i < rows; i++) {
        if (result.labels[i] !== c) continue;
        count++;
        for (let t = 0; t < cols; t++) mean[t] += x.data[i * cols + t];
      }
      expect(count).toBeGreaterThan(0);
      let worst = 0;
      for (let t = 0; t < cols; t++)
        worst = Math.max(worst, Math.abs(result.centres.data[c * cols + t] - mean[t] / count));
      expect(worst).toBeLessThan(1e-4);
    }
    for (let i = 0; i < rows; i++) {
      const c = result.labels[i];
      for (let t = 0; t < cols; t++)
        inertia += (x.data[i * cols + t] - result.centres.data[c * cols + t]) ** 2;
    }
    expect(Math.abs(inertia - result.inertia) / inertia).toBeLessThan(1e-5);
  });

  it('solves a hand-made one-dimensional case and is deterministic for a seed', () => {
    // Points 0, 1, 10, 11: centres 0.5 and 10.5, inertia 4 x 0.25 = 1.
    const line = { rows: 4, cols: 1, data: Float32Array.from([0, 10, 1, 11]) };
    const result = kmeans(line, { k: 2, seed: 3 });
    expect(result.inertia).toBeCloseTo(1, 10);
    expect(result.labels[0]).toBe(result.labels[2]);
    expect(result.labels[1]).toBe(result.labels[3]);
    expect(result.labels[0]).not.toBe(result.labels[1]);
    const random = createRandom(9);
    const noise = { rows: 300, cols: 5, data: Float32Array.from({ length: 1500 }, () => random.normal()) };
    const a = kmeans(noise, { k: 7, seed: 4, nInit: 4 });
    const b = kmeans(noise, { k: 7, seed: 4, nInit: 4 });
    expect([...a.labels]).toEqual([...b.labels]);
    expect(a.inertia).toBe(b.inertia);
  });

  it('rejects an impossible k', () => {
    expect(() => kmeans({ rows: 2, cols: 1, data: Float32Array.from([0, 1]) }, { k: 3 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  clusterDistanceSums,
  silhouetteSampleIndices,
  silhouetteSamples,
  silhouetteScore,
} from './silhouette.js';
import { expectClose, loadFixture, metricsErrorCode } from './test/fixtures.js';

interface SilhouetteFixture {
  cases: {
    name: string;
    rows: number;
    cols: number;
    data: number[];
    labels: number[] | string[];
    score: number;
    samples: number[];
  }[];
}

const fixture = loadFixture<SilhouetteFixture>('silhouette.json');

/** Gaussian blobs from a small LCG, for the sampling tests (no fixture needed: exact vs sampled). */
function blobs(n: number, dims: number, clusters: number): { data: Float32Array; labels: Int32Array } {
  let state = 12345;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const data = new Float32Array(n * dims);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % clusters;
    for (let d = 0; d < dims; d++) {
      const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      data[i * dims + d] = normal + (d === labels[i] % dims ? 3 : 0);
    }
  }
  return { data, labels };
}

describe('silhouette against scikit-learn', () => {
  it.each(fixture.cases)(
    '$name: score and per-point values agree to 1e-9',
    ({ rows, cols, data, labels, score, samples }) => {
      const embedding = { rows, cols, data: Float64Array.from(data) };
      expectClose(silhouetteScore(embedding, labels), score, 1e-9, 'score');
      const values = silhouetteSamples(embedding, labels);
      samples.forEach((expected, i) => expectClose(values[i], expected, 1e-9, `point ${i}`));
    },
  );
});

describe('cluster distance sums', () => {
  it('are the same whether each distance is computed once or twice (the path for many clusters)', () => {
    const { data, labels } = blobs(300, 3, 7);
    const points = Float64Array.from(data);
    const once = clusterDistanceSums(points, 300, 3, labels, 7, true);
    const twice = clusterDistanceSums(points, 300, 3, labels, 7, false);
    once.forEach((value, k) => expect(Math.abs(value - twice[k])).toBeLessThan(1e-9));
  });
});

describe('silhouette beyond the exact limit', () => {
  const n = 3000;
  const { data, labels } = blobs(n, 4, 5);
  const embedding = { rows: n, cols: 4, data };

  it('is the exact silhouette of the seeded sample, reproducible by seed', () => {
    const indices = silhouetteSampleIndices(n, 500, 7);
    expect(indices).toHaveLength(500);
    expect(new Set(indices).size).toBe(500);
    const subset = new Float32Array(500 * 4);
    indices.forEach((index, k) => subset.set(data.subarray(index * 4, index * 4 + 4), k * 4));
    const exactOnSample = silhouetteScore(
      { rows: 500, cols: 4, data: subset },
      Array.from(indices, (i) => labels[i]),
    );
    expect(silhouetteScore(embedding, labels, { sampleSize: 500, seed: 7 })).toBe(exactOnSample);
    expect(silhouetteScore(embedding, labels, { sampleSize: 500, seed: 7 })).toBe(exactOnSample);
    expect(Array.from(silhouetteSampleIndices(n, 500, 8))).not.toEqual(Array.from(indices));
  });

  it('estimates the exact score closely', () => {
    const exact = silhouetteScore(embedding, labels); // 3000 <= default sampleSize: exact
    const sampled = silhouetteScore(embedding, labels, { sampleSize: 1000, seed: 1 });
    expect(sampled).not.toBe(exact);
    expect(Math.abs(sampled - exact)).toBeLessThan(0.03);
  });
});

describe('silhouette input checks', () => {
  const embedding = { rows: 4, cols: 2, data: [0, 0, 0, 1, 5, 5, 5, 6] };

  it('gives typed errors for degenerate inputs', () => {
    expect(metricsErrorCode(() => silhouetteScore(embedding, [0, 0, 1]))).toBe('LENGTH_MISMATCH');
    expect(metricsErrorCode(() => silhouetteScore(embedding, [0, 0, 0, 0]))).toBe('LABEL_COUNT');
    expect(metricsErrorCode(() => silhouetteScore(embedding, [0, 1, 2, 3]))).toBe('LABEL_COUNT');
    expect(metricsErrorCode(() => silhouetteScore({ rows: 0, cols: 2, data: [] }, []))).toBe('EMPTY');
    expect(
      metricsErrorCode(() =>
        silhouetteScore({ ...embedding, data: [0, 0, 0, Number.NaN, 5, 5, 5, 6] }, [0, 0, 1, 1]),
      ),
    ).toBe('NOT_FINITE');
    expect(metricsErrorCode(() => silhouetteScore({ ...embedding, rows: 3 }, [0, 0, 1]))).toBe(
      'INVALID_MATRIX',
    );
    expect(metricsErrorCode(() => silhouetteScore(embedding, [0, 0, 1, 1], { sampleSize: 1 }))).toBe(
      'INVALID_OPTIONS',
    );
  });

  it('is (b - a) / max(a, b) on a hand example, and 0 for identical points', () => {
    // Cluster {0,1} at distance 1; cluster {2,3} at distance 1; between: point 0 to 2,3 = √50, √61.
    const values = silhouetteSamples(embedding, [0, 0, 1, 1]);
    const b0 = (Math.sqrt(50) + Math.sqrt(61)) / 2;
    expect(values[0]).toBeCloseTo((b0 - 1) / b0, 14);
    const same = silhouetteSamples({ rows: 4, cols: 1, data: [1, 1, 1, 1] }, [0, 0, 1, 1]);
    expect(Array.from(same)).toEqual([0, 0, 0, 0]);
  });
});

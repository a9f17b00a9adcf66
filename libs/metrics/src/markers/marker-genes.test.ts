import { describe, expect, it } from 'vitest';
import { expectClose, loadFixture, metricsErrorCode } from '../test/fixtures.js';
import type { CsrMatrix } from './csr-matrix.js';
import { markerGenes } from './marker-genes.js';

interface ExpectedGroup {
  group: string;
  size: number;
  U: number[];
  z: number[];
  p: number[];
  pAdj: number[];
  log2FoldChange: (number | null)[];
  pctIn: number[];
  pctOut: number[];
  meanIn: number[];
  meanOut: number[];
  top: number[];
}

interface MarkersFixture {
  cases: {
    name: string;
    matrix: { rows: number; cols: number; indptr: number[]; indices: number[]; data: number[] };
    labels: number[] | string[];
    topN: number;
    groups: ExpectedGroup[];
  }[];
}

const fixture = loadFixture<MarkersFixture>('markers.json');

function csr(matrix: MarkersFixture['cases'][number]['matrix']): CsrMatrix {
  return {
    rows: matrix.rows,
    cols: matrix.cols,
    indptr: Int32Array.from(matrix.indptr),
    indices: Int32Array.from(matrix.indices),
    data: Float32Array.from(matrix.data),
  };
}

describe('marker genes against scipy mannwhitneyu and scanpy formulas', () => {
  describe.each(fixture.cases)('$name', ({ matrix, labels, topN, groups }) => {
    const all = markerGenes(csr(matrix), labels, { topN: matrix.cols });

    it('lists the groups in sorted order with their sizes', () => {
      expect(all.map((g) => [g.group, g.size])).toEqual(groups.map((g) => [g.group, g.size]));
    });

    it('z-scores, p-values (mannwhitneyu, asymptotic, tie-corrected, no continuity) and BH agree to 1e-9', () => {
      all.forEach((result, g) => {
        const expected = groups[g];
        expect(result.genes).toHaveLength(matrix.cols);
        for (const gene of result.genes) {
          const j = gene.gene;
          const what = `group ${expected.group}, gene ${j}`;
          expectClose(gene.score, expected.z[j], 1e-9, `${what} z`);
          expectClose(gene.pValue, expected.p[j], 1e-9, `${what} p`);
          // Relative agreement too, for the small p-values that matter when ranking markers.
          expect(Math.abs(gene.pValue - expected.p[j]), `${what} p relative`).toBeLessThanOrEqual(
            1e-9 * expected.p[j],
          );
          expectClose(gene.pValueAdjusted, expected.pAdj[j], 1e-9, `${what} BH`);
        }
      });
    });

    it('fold changes, fractions expressing and means agree to 1e-9', () => {
      all.forEach((result, g) => {
        const expected = groups[g];
        for (const gene of result.genes) {
          const j = gene.gene;
          const what = `group ${expected.group}, gene ${j}`;
          expectClose(gene.log2FoldChange, expected.log2FoldChange[j], 1e-9, `${what} log2FC`);
          expectClose(gene.pctIn, expected.pctIn[j], 1e-12, `${what} pctIn`);
          expectClose(gene.pctOut, expected.pctOut[j], 1e-12, `${what} pctOut`);
          expectClose(gene.meanIn, expected.meanIn[j], 1e-9, `${what} meanIn`);
          expectClose(gene.meanOut, expected.meanOut[j], 1e-9, `${what} meanOut`);
        }
      });
    });

    it('the top N genes are the highest scores, best first', () => {
      const top = markerGenes(csr(matrix), labels, { topN });
      top.forEach((result, g) => expect(result.genes.map((gene) => gene.gene)).toEqual(groups[g].top));
    });
  });

  it('the all-zero and the constant gene get score 0 and p-value 1, as in scanpy', () => {
    const [first] = fixture.cases;
    const result = markerGenes(csr(first.matrix), first.labels, { topN: first.matrix.cols });
    for (const group of result) {
      for (const j of [9, 10]) {
        const gene = group.genes.find((g) => g.gene === j);
        expect(gene).toMatchObject({ score: 0, pValue: 1 });
      }
    }
  });

  it('without tie correction, z is the tie-corrected z times sqrt(1 - Σ(t³ - t)/(n³ - n))', () => {
    // Hand example: one gene, values 0,0,0,1,1,2 over groups a,a,b,b,a,b. Ranks: zeros 2,2,2; ones 4.5,4.5; two 6.
    // Group a: cells 0,1,4 -> ranks 2 + 2 + 4.5 = 8.5; expected 3 * 7 / 2 = 10.5; uncorrected sd = sqrt(3*3*7/12).
    const matrix: CsrMatrix = {
      rows: 6,
      cols: 1,
      indptr: Int32Array.from([0, 0, 0, 0, 1, 2, 3]),
      indices: Int32Array.from([0, 0, 0]),
      data: Float32Array.from([1, 1, 2]),
    };
    const labels = ['a', 'a', 'b', 'b', 'a', 'b'];
    const plain = markerGenes(matrix, labels, { tieCorrect: false })[0].genes[0];
    const corrected = markerGenes(matrix, labels)[0].genes[0];
    const sd = Math.sqrt((3 * 3 * 7) / 12);
    expect(plain.score).toBeCloseTo((8.5 - 10.5) / sd, 14);
    const tie = 1 - (3 ** 3 - 3 + (2 ** 3 - 2)) / (6 ** 3 - 6);
    expect(corrected.score).toBeCloseTo((8.5 - 10.5) / (sd * Math.sqrt(tie)), 14);
    expect(plain.pctIn).toBeCloseTo(1 / 3, 15);
    expect(plain.pctOut).toBeCloseTo(2 / 3, 15);
  });

  it('explicit zeros stored in the matrix are zeros', () => {
    const stored: CsrMatrix = {
      rows: 4,
      cols: 1,
      indptr: Int32Array.from([0, 1, 2, 3, 4]),
      indices: Int32Array.from([0, 0, 0, 0]),
      data: Float32Array.from([0, 3, -0, 1]),
    };
    const implicit: CsrMatrix = {
      rows: 4,
      cols: 1,
      indptr: Int32Array.from([0, 0, 1, 1, 2]),
      indices: Int32Array.from([0, 0]),
      data: Float32Array.from([3, 1]),
    };
    const labels = [0, 1, 0, 1];
    expect(markerGenes(stored, labels)).toEqual(markerGenes(implicit, labels));
  });

  it('rejects malformed input with typed errors', () => {
    const [first] = fixture.cases;
    const good = csr(first.matrix);
    expect(metricsErrorCode(() => markerGenes(good, first.labels.slice(1)))).toBe('LENGTH_MISMATCH');
    expect(metricsErrorCode(() => markerGenes(good, new Array(good.rows).fill('x')))).toBe('LABEL_COUNT');
    const nan = { ...good, data: good.data.slice() };
    nan.data[3] = Number.NaN;
    expect(metricsErrorCode(() => markerGenes(nan, first.labels))).toBe('NOT_FINITE');
    expect(
      metricsErrorCode(() => markerGenes({ ...good, indptr: good.indptr.subarray(1) }, first.labels)),
    ).toBe('INVALID_MATRIX');
    const outside = { ...good, indices: good.indices.slice() };
    outside.indices[0] = good.cols;
    expect(metricsErrorCode(() => markerGenes(outside, first.labels))).toBe('INVALID_MATRIX');
    const duplicate: CsrMatrix = {
      rows: 2,
      cols: 2,
      indptr: Int32Array.from([0, 2, 2]),
      indices: Int32Array.from([1, 1]),
      data: Float32Array.from([1, 2]),
    };
    expect(metricsErrorCode(() => markerGenes(duplicate, [0, 1]))).toBe('INVALID_MATRIX');
    expect(metricsErrorCode(() => markerGenes(good, first.labels, { topN: 0 }))).toBe('INVALID_OPTIONS');
    expect(metricsErrorCode(() => markerGenes(good, first.labels, { method: 't-test' } as never))).toBe(
      'INVALID_OPTIONS',
    );
  });
});

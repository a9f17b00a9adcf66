import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CsrMatrix } from '../markers/csr-matrix.js';
import { markerGenes } from '../markers/marker-genes.js';
import { expectClose, loadFixture } from './fixtures.js';

interface BaronFixture {
  digest: { nonzero: number; bitSum: number };
  markers: {
    group: string;
    size: number;
    top: number[];
    genes: {
      gene: number;
      z: number;
      p: number;
      pAdj: number;
      log2FoldChange: number;
      pctIn: number;
      pctOut: number;
    }[];
  }[];
}

const folder = new URL('../../../../../shared/formats/Baron_mouse1_10x_mtx/', import.meta.url);

/**
 * The Baron mouse pancreas counts (genes x cells MTX) as a cells x genes CSR of log1p(count / total * 1e4) in
 * float32, the normalisation make_fixtures.py applies. Parsed here because libs/metrics reads no files itself.
 */
function baronLogNormalised(): { matrix: CsrMatrix; labels: string[] } {
  const text = gunzipSync(readFileSync(new URL('matrix.mtx.gz', folder))).toString('utf8');
  const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith('%'));
  const [genes, cells, entries] = lines[0].split(/\s+/).map(Number);
  const cellOf = new Int32Array(entries);
  const geneOf = new Int32Array(entries);
  const counts = new Float64Array(entries);
  const perCell = new Int32Array(cells + 1);
  const totals = new Float64Array(cells);
  for (let k = 0; k < entries; k++) {
    const [gene, cell, count] = lines[k + 1].split(' ').map(Number);
    geneOf[k] = gene - 1;
    cellOf[k] = cell - 1;
    counts[k] = count;
    perCell[cell]++;
    totals[cell - 1] += count;
  }
  for (let c = 0; c < cells; c++) perCell[c + 1] += perCell[c];
  const indptr = Int32Array.from(perCell);
  const cursor = perCell.slice(0, cells);
  const indices = new Int32Array(entries);
  const data = new Float32Array(entries);
  // Scatter into cell rows; markerGenes does not need sorted column indices within a row.
  for (let k = 0; k < entries; k++) {
    const position = cursor[cellOf[k]]++;
    indices[position] = geneOf[k];
    data[position] = Math.log1p((counts[k] / totals[cellOf[k]]) * 1e4);
  }
  const labels = readFileSync(new URL('cell_types.csv', folder), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').at(-1) as string);
  return { matrix: { rows: cells, cols: genes, indptr, indices, data }, labels };
}

describe('marker genes on real data: Baron mouse pancreas, 822 cells x 14,878 genes, 13 cell types', () => {
  const fixture = loadFixture<BaronFixture>('baron.json');
  const { matrix, labels } = baronLogNormalised();

  it('rebuilds exactly the matrix the fixture script used', () => {
    let nonzero = 0;
    let bitSum = 0;
    const bits = new Uint32Array(matrix.data.buffer);
    for (let k = 0; k < bits.length; k++) {
      if (matrix.data[k] === 0) continue;
      nonzero++;
      bitSum += bits[k];
    }
    expect({ nonzero, bitSum }).toEqual(fixture.digest);
  });

  it('agrees with scipy mannwhitneyu, BH and scanpy fold changes to 1e-9, top genes in the same order', () => {
    const result = markerGenes(matrix, labels, { topN: matrix.cols });
    expect(result.map((group) => [group.group, group.size])).toEqual(
      fixture.markers.map((group) => [group.group, group.size]),
    );
    result.forEach((group, g) => {
      const expected = fixture.markers[g];
      expect(group.genes.slice(0, 10).map((gene) => gene.gene)).toEqual(expected.top);
      const byGene = new Map(group.genes.map((gene) => [gene.gene, gene]));
      for (const reference of expected.genes) {
        const actual = byGene.get(reference.gene)!;
        const what = `${expected.group}, gene ${reference.gene}`;
        expectClose(actual.score, reference.z, 1e-9, `${what} z`);
        expectClose(actual.pValue, reference.p, 1e-9, `${what} p`);
        expect(Math.abs(actual.pValue - reference.p), `${what} p relative`).toBeLessThanOrEqual(
          1e-9 * reference.p,
        );
        expectClose(actual.pValueAdjusted, reference.pAdj, 1e-9, `${what} BH`);
        expectClose(actual.log2FoldChange, reference.log2FoldChange, 1e-9, `${what} log2FC`);
        expectClose(actual.pctIn, reference.pctIn, 1e-12, `${what} pctIn`);
        expectClose(actual.pctOut, reference.pctOut, 1e-12, `${what} pctOut`);
      }
    });
  });
});

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { markerGrid, type MarkerRow } from '../lib/markers';
import { viridis } from '../lib/palette';
import { DotPlot, MarkerHeatmap, Violins } from './MarkerPlots';

const row = (cluster: number, rank: number, gene: string): MarkerRow => ({
  cluster,
  rank,
  gene,
  fractionIn: 0.5,
  meanIn: 1,
  logFoldChange: 1,
  pValueAdjusted: 0.01,
});

/** The x position of each gene's slanted label and the y of each "cluster N" label, from an SVG's markup. */
function axisPositions(markup: string): { genes: Record<string, number>; clusters: Record<string, number> } {
  const genes = Object.fromEntries(
    [...markup.matchAll(/<text transform="translate\(([\d.]+),[\d.]+\) rotate\(-60\)">([^<]+)<\/text>/g)].map(
      (match) => [match[2]!, Number(match[1])],
    ),
  );
  const clusters = Object.fromEntries(
    [
      ...markup.matchAll(
        /<text x="[\d.]+" y="([\d.]+)" text-anchor="end">cluster (?:<!-- -->)?(\d+)<\/text>/g,
      ),
    ].map((match) => [match[2]!, Number(match[1])]),
  );
  return { genes, clusters };
}

describe('marker plots', () => {
  const grid = markerGrid([row(0, 1, 'Ins1'), row(0, 2, 'Iapp'), row(1, 1, 'Gcg'), row(2, 1, 'Sst')], 2);

  it("label the dot plot and heatmap with the same axes, centred on each one's cells", () => {
    const dots = axisPositions(renderToStaticMarkup(<DotPlot grid={grid} />));
    const heat = axisPositions(renderToStaticMarkup(<MarkerHeatmap grid={grid} />));
    expect(Object.keys(dots.genes)).toEqual(['Ins1', 'Iapp', 'Gcg', 'Sst']);
    expect(Object.keys(heat.genes)).toEqual(Object.keys(dots.genes));
    expect(Object.keys(dots.clusters)).toEqual(['0', '1', '2']);
    expect(Object.keys(heat.clusters)).toEqual(['0', '1', '2']);
    // Columns and rows step by each plot's cell size (26 px dots, 20 px heatmap cells).
    expect(dots.genes.Iapp! - dots.genes.Ins1!).toBe(26);
    expect(heat.genes.Iapp! - heat.genes.Ins1!).toBe(20);
    expect(dots.clusters['1']! - dots.clusters['0']!).toBe(26);
    expect(heat.clusters['1']! - heat.clusters['0']!).toBe(20);
  });

  it('scales each heatmap column to its own highest cluster', () => {
    const summaries = new Map([
      [
        'Ins1',
        new Map([
          [0, { fraction: 1, mean: 10 }],
          [1, { fraction: 1, mean: 5 }],
          [2, { fraction: 1, mean: 10 }],
        ]),
      ],
      [
        'Iapp',
        new Map([
          [0, { fraction: 1, mean: 1 }],
          [1, { fraction: 0.5, mean: 2 }],
          [2, { fraction: 0, mean: 0 }],
        ]),
      ],
    ]);
    const twoGenes = markerGrid([row(0, 1, 'Ins1'), row(1, 1, 'Iapp'), row(2, 1, 'Ins1')], 1, summaries);
    expect(twoGenes.genes).toEqual(['Ins1', 'Iapp']);
    const fills = [
      ...renderToStaticMarkup(<MarkerHeatmap grid={twoGenes} />).matchAll(/<rect[^>]* fill="([^"]+)"/g),
    ].map((match) => match[1]);
    // Row by row: (Ins1, Iapp) in clusters 0, 1, 2; Iapp's 2 is as bright as Ins1's 10.
    expect(fills).toEqual([viridis(1), viridis(0.5), viridis(0.5), viridis(1), viridis(1), viridis(0)]);
  });

  it('draws violins of 250,000 cells (more than Math.max accepts as arguments)', () => {
    const values = Array.from({ length: 125_000 }, (_, index) => (index % 50) / 10);
    const markup = renderToStaticMarkup(
      <Violins
        gene="Ins1"
        byCluster={
          new Map([
            [0, values],
            [1, values.map((value) => value / 2)],
          ])
        }
      />,
    );
    expect(markup.match(/<polygon/g)).toHaveLength(2);
    // The axis runs from 0 to the largest value, 4.9.
    expect(markup).toContain('>4.9</text>');
  });
});

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { QualityControlHistograms } from './QualityControlHistograms';

const qualityControl = {
  countsPerCell: { edges: [0, 1000, 2000, 3000], counts: [5, 9, 2] },
  genesPerCell: { edges: [0, 500, 1000], counts: [7, 4] },
};

describe('QualityControlHistograms', () => {
  it('draws counts per cell then genes per cell, one bar per bin, at the asked width', () => {
    const markup = renderToStaticMarkup(
      <QualityControlHistograms qualityControl={qualityControl} width={300} />,
    );
    expect([...markup.matchAll(/<figcaption>([^<]+)<\/figcaption>/g)].map((match) => match[1])).toEqual([
      'Counts per cell',
      'Genes per cell',
    ]);
    expect(markup).toContain('aria-label="Counts per cell: histogram of total counts"');
    expect(markup).toContain('aria-label="Genes per cell: histogram of genes detected"');
    expect([...markup.matchAll(/<svg width="(\d+)"/g)].map((match) => match[1])).toEqual(['300', '300']);
    expect(markup.match(/<rect /g)).toHaveLength(3 + 2);
  });

  it('leaves the width to Histogram when not given', () => {
    const markup = renderToStaticMarkup(<QualityControlHistograms qualityControl={qualityControl} />);
    expect([...markup.matchAll(/<svg width="(\d+)"/g)].map((match) => match[1])).toEqual(['360', '360']);
  });
});

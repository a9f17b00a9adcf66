import { describe, expect, it } from 'vitest';
import { cellLikeness, guessOrientation } from './orientation.js';

describe('guessOrientation', () => {
  const genes = ['Xkr4', '0610007P14Rik', 'mt-Co1', 'ENSMUSG00000051951', 'RP11-34P13.3'];
  const cells = ['AAACCTGAGAAGGCCT-1', 'mouse1_lib1.final_cell_0001', 'SRR1234567', 'cell_12'];

  it('scores barcodes and cell names as cells, symbols and Ensembl ids as genes', () => {
    expect(cellLikeness(cells)).toBe(1);
    expect(cellLikeness(genes)).toBe(-1);
  });

  it('puts cells on the axis whose names look like cells', () => {
    expect(guessOrientation(genes, cells).orientation).toBe('genes-x-cells');
    expect(guessOrientation(cells, genes).orientation).toBe('cells-x-genes');
  });

  it('trusts the name of the row-name column', () => {
    expect(guessOrientation(['a1'], ['b1'], 'gene_symbol')).toMatchObject({ orientation: 'genes-x-cells' });
    expect(guessOrientation(['a1'], ['b1'], 'barcode')).toMatchObject({ orientation: 'cells-x-genes' });
  });

  it('falls back to cells x genes and says so', () => {
    expect(guessOrientation(['1', '2'], ['3', '4'])).toEqual({
      orientation: 'cells-x-genes',
      reason: 'names did not tell; assumed the default, cells x genes',
    });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPaperResults, parseReportedResults } from './reported-results.js';

describe('parseReportedResults', () => {
  it('reads the kept copy of the paper table, identical to the shared original', () => {
    const kept = readFileSync(new URL('../../seed/paper_results.tsv', import.meta.url), 'utf8');
    const shared = readFileSync(
      new URL('../../../../../shared/paper/paper_results.tsv', import.meta.url),
      'utf8',
    );
    expect(kept).toBe(shared);
    const rows = loadPaperResults();
    expect(rows).toHaveLength(397);
    expect(rows[0]).toEqual({
      dataset: 'human2',
      methodId: 'scsamac',
      metric: 'ARI',
      value: 0.9131,
      source: 'scSAMAC paper, Tables 2-5',
    });
  });

  it('rejects a method no known method reports', () => {
    expect(() => parseReportedResults('dataset\tmethod\tmetric\tvalue\nx\tscFoo\tARI\t0.5\n')).toThrow(
      /line 2/,
    );
  });
});

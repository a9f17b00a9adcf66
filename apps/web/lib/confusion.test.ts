import { describe, expect, it } from 'vitest';
import { confusionMatrix } from './confusion';

describe('confusionMatrix', () => {
  it('counts (label, cluster) pairs and orders clusters along the diagonal', () => {
    const truth = ['alpha', 'alpha', 'alpha', 'beta', 'beta', 'gamma'];
    const predicted = ['2', '2', '0', '0', '0', '1'];
    const matrix = confusionMatrix(truth, predicted);
    expect(matrix.rowNames).toEqual(['alpha', 'beta', 'gamma']);
    // alpha's best cluster is 2 (two cells), beta's is 0, gamma's is 1.
    expect(matrix.columnNames).toEqual(['2', '0', '1']);
    expect(matrix.counts).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [0, 0, 1],
    ]);
  });

  it('puts clusters that match no label last and rejects mismatched lengths', () => {
    const matrix = confusionMatrix(['a', 'a', 'a'], ['1', '0', '1']);
    expect(matrix.columnNames).toEqual(['1', '0']);
    expect(matrix.counts).toEqual([[2, 1]]);
    expect(() => confusionMatrix(['a'], [])).toThrow(/1 labels/);
  });
});

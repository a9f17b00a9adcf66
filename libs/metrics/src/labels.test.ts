import { describe, expect, it } from 'vitest';
import { clusteringAccuracy, purity } from './accuracy.js';
import { encodeLabels } from './labels.js';
import { adjustedMutualInformation, normalizedMutualInformation } from './mutual-information.js';
import { adjustedRandIndex } from './rand-index.js';
import { clusteringScores } from './scores.js';
import { metricsErrorCode } from './test/fixtures.js';

describe('encodeLabels', () => {
  it('codes numbers in numeric order and strings in code-unit order, as numpy.unique', () => {
    expect(encodeLabels([10, -2, 3, 10])).toMatchObject({
      values: [-2, 3, 10],
      codes: Int32Array.from([2, 0, 1, 2]),
    });
    expect(encodeLabels([2.5, 1e12, -7])).toMatchObject({
      values: [-7, 2.5, 1e12],
      codes: Int32Array.from([1, 2, 0]),
    });
    expect(encodeLabels(['b', 'B', 'a', 'b'])).toMatchObject({
      values: ['B', 'a', 'b'],
      codes: Int32Array.from([2, 0, 1, 2]),
      sizes: Int32Array.from([1, 1, 2]),
    });
  });
});

describe('degenerate inputs give clear typed errors', () => {
  const scores = {
    ARI: adjustedRandIndex,
    NMI: normalizedMutualInformation,
    AMI: adjustedMutualInformation,
    CA: clusteringAccuracy,
    purity,
    all: clusteringScores,
  };

  it.each(Object.entries(scores))('%s', (_, score) => {
    expect(metricsErrorCode(() => score([0, 1, 1], [0, 1]))).toBe('LENGTH_MISMATCH');
    expect(metricsErrorCode(() => score([], []))).toBe('EMPTY');
    expect(metricsErrorCode(() => score([0, Number.NaN], [0, 1]))).toBe('NOT_FINITE');
    expect(metricsErrorCode(() => score([0, 1], [0, Infinity]))).toBe('NOT_FINITE');
    expect(metricsErrorCode(() => score(['a', 1] as unknown as string[], ['a', 'b']))).toBe('INVALID_LABEL');
    expect(metricsErrorCode(() => score([0, null] as unknown as number[], [0, 1]))).toBe('INVALID_LABEL');
  });

  it('names the problem in the message', () => {
    expect(() => adjustedRandIndex([0, 1, 1], [0, 1])).toThrow('truth has 3 labels but pred has 2');
    expect(() => adjustedRandIndex([0, 1], [0, Number.NaN])).toThrow('pred[1] is NaN');
  });

  it('rejects unknown options', () => {
    expect(
      metricsErrorCode(() =>
        normalizedMutualInformation([0, 1], [0, 1], { averageMethod: 'median' as never }),
      ),
    ).toBe('INVALID_OPTIONS');
    expect(metricsErrorCode(() => clusteringScores([0, 1], [0, 1], { average: 'max' } as never))).toBe(
      'INVALID_OPTIONS',
    );
  });
});

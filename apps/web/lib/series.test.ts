import { describe, expect, it } from 'vitest';
import { alignHistory } from './series';

describe('alignHistory', () => {
  it('splits phases and aligns keys on shared steps, leaving gaps as null', () => {
    const aligned = alignHistory([
      { phase: 'pretrain', key: 'nb', step: 2, value: 3 },
      { phase: 'pretrain', key: 'nb', step: 1, value: 4 },
      { phase: 'pretrain', key: 'mask', step: 2, value: 0.5 },
      { phase: 'cluster', key: 'kl', step: 3, value: 0.1 },
      { phase: 'cluster', key: 'kl', step: 4, value: Number.NaN },
    ]);
    expect(aligned).toEqual([
      {
        phase: 'pretrain',
        keys: ['mask', 'nb'],
        steps: [1, 2],
        values: [
          [null, 0.5],
          [4, 3],
        ],
      },
      { phase: 'cluster', keys: ['kl'], steps: [3, 4], values: [[0.1, null]] },
    ]);
  });
});

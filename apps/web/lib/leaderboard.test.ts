import { describe, expect, it } from 'vitest';
import { sortRows, type BoardRow } from './leaderboard';

const row = (method: string, ari?: number, reported = false): BoardRow => ({
  key: `${method}${reported}`,
  method,
  reported,
  source: null,
  n: 1,
  metrics: ari === undefined ? {} : { ARI: { mean: ari, sd: null } },
  runIds: [],
});

describe('sortRows', () => {
  it('sorts by a metric both ways with missing values last', () => {
    const rows = [row('b', 0.5), row('a'), row('c', 0.9), row('d', 0.5, true)];
    expect(sortRows(rows, 'ARI', 'desc').map((r) => r.key)).toEqual(['cfalse', 'bfalse', 'dtrue', 'afalse']);
    expect(sortRows(rows, 'ARI', 'asc').map((r) => r.key)).toEqual(['bfalse', 'dtrue', 'cfalse', 'afalse']);
    expect(sortRows(rows, 'method', 'asc').map((r) => r.method)).toEqual(['a', 'b', 'c', 'd']);
  });
});

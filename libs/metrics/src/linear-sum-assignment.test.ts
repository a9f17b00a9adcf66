import { describe, expect, it } from 'vitest';
import { MetricsInputError } from './errors.js';
import { linearSumAssignment } from './linear-sum-assignment.js';
import { expectClose, loadFixture } from './test/fixtures.js';

interface AssignmentFixture {
  cases: { rows: number; cols: number; maximize: boolean; cost: number[]; total: number }[];
}

const fixture = loadFixture<AssignmentFixture>('assignments.json');

describe('linearSumAssignment against scipy.optimize.linear_sum_assignment', () => {
  it.each(fixture.cases)('$rows x $cols, maximize $maximize', ({ rows, cols, maximize, cost, total }) => {
    const result = linearSumAssignment(cost, rows, cols, { maximize });
    expectClose(result.total, total, 1e-9, 'total');
    // A valid assignment: min(rows, cols) pairs, rows ascending, no row or column twice.
    expect(result.rowIndices).toHaveLength(Math.min(rows, cols));
    expect(new Set(result.rowIndices).size).toBe(result.rowIndices.length);
    expect(new Set(result.colIndices).size).toBe(result.colIndices.length);
    for (let k = 1; k < result.rowIndices.length; k++) {
      expect(result.rowIndices[k]).toBeGreaterThan(result.rowIndices[k - 1]);
    }
    let sum = 0;
    result.rowIndices.forEach((i, k) => (sum += cost[i * cols + result.colIndices[k]]));
    expect(sum).toBe(result.total);
  });

  it('solves a 3 x 3 example by hand', () => {
    // Rows: worker costs for jobs. Optimal: 0->1 (1), 1->0 (2), 2->2 (2) = 5.
    const result = linearSumAssignment([4, 1, 3, 2, 0, 5, 3, 2, 2], 3, 3);
    expect(Array.from(result.colIndices)).toEqual([1, 0, 2]);
    expect(result.total).toBe(5);
  });

  it('rejects a cost array of the wrong size and non-finite costs', () => {
    expect(() => linearSumAssignment([1, 2, 3], 2, 2)).toThrow(MetricsInputError);
    expect(() => linearSumAssignment([1, Number.NaN, 3, 4], 2, 2)).toThrow(/finite/);
  });
});

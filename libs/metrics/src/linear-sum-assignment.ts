import { z } from 'zod';
import { MetricsInputError } from './errors.js';
import { parseOptions } from './options.js';

/** Options of {@link linearSumAssignment}. */
export const assignmentOptionsSchema = z
  .object({
    /** Maximise the total instead of minimising it. */
    maximize: z.boolean().default(false),
  })
  .strict();

/** Plain-JSON options of {@link linearSumAssignment}. */
export type AssignmentOptions = z.input<typeof assignmentOptionsSchema>;

/** An optimal assignment: row `rowIndices[k]` goes to column `colIndices[k]`; rows ascending, as scipy's. */
export interface Assignment {
  rowIndices: Int32Array;
  colIndices: Int32Array;
  /** Sum of the assigned costs. */
  total: number;
}

/**
 * Solves the (rectangular) linear assignment problem on a row-major `rows` x `cols` cost matrix: assigns every row
 * (or every column, whichever is fewer) to a distinct partner so that the total cost is minimal (or maximal).
 * Same problem as `scipy.optimize.linear_sum_assignment`; this is the Hungarian algorithm with potentials and
 * shortest augmenting paths, O(min² · max) time.
 */
export function linearSumAssignment(
  cost: ArrayLike<number>,
  rows: number,
  cols: number,
  options?: AssignmentOptions,
): Assignment {
  const { maximize } = parseOptions(assignmentOptionsSchema, options);
  if (
    !Number.isInteger(rows) ||
    !Number.isInteger(cols) ||
    rows < 0 ||
    cols < 0 ||
    cost.length !== rows * cols
  ) {
    throw new MetricsInputError(
      'INVALID_MATRIX',
      `cost has ${cost.length} entries, expected rows x cols = ${rows} x ${cols}`,
    );
  }
  for (let k = 0; k < cost.length; k++) {
    if (!Number.isFinite(cost[k])) {
      throw new MetricsInputError('NOT_FINITE', `cost[${k}] is ${cost[k]}; costs must be finite`);
    }
  }
  // The algorithm below wants at most as many rows as columns; transpose otherwise.
  const transposed = rows > cols;
  const n = transposed ? cols : rows;
  const m = transposed ? rows : cols;
  const sign = maximize ? -1 : 1;
  const at = transposed
    ? (i: number, j: number) => sign * cost[j * cols + i]
    : (i: number, j: number) => sign * cost[i * cols + j];
  const matchOfColumn = solve(n, m, at);
  const pairs: [number, number][] = [];
  for (let j = 0; j < m; j++) {
    const i = matchOfColumn[j];
    if (i >= 0) pairs.push(transposed ? [j, i] : [i, j]);
  }
  pairs.sort((p, q) => p[0] - q[0]);
  const rowIndices = Int32Array.from(pairs, (p) => p[0]);
  const colIndices = Int32Array.from(pairs, (p) => p[1]);
  let total = 0;
  for (const [i, j] of pairs) total += cost[i * cols + j];
  return { rowIndices, colIndices, total };
}

/** Minimum-cost matching of n rows into m >= n columns; returns the row of each column, or -1. */
function solve(n: number, m: number, cost: (i: number, j: number) => number): Int32Array {
  // 1-based arrays, index 0 a virtual column: the classic potentials formulation (Kuhn-Munkres with Dijkstra-like
  // augmentation). u, v are the dual potentials; rowOf[j] the row matched to column j.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOf = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minSlack = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let column = 0;
    minSlack.fill(Infinity);
    used.fill(0);
    do {
      used[column] = 1;
      const row = rowOf[column];
      let delta = Infinity;
      let next = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const slack = cost(row - 1, j - 1) - u[row] - v[j];
        if (slack < minSlack[j]) {
          minSlack[j] = slack;
          way[j] = column;
        }
        if (minSlack[j] < delta) {
          delta = minSlack[j];
          next = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOf[j]] += delta;
          v[j] -= delta;
        } else {
          minSlack[j] -= delta;
        }
      }
      column = next;
    } while (rowOf[column] !== 0);
    do {
      const previous = way[column];
      rowOf[column] = rowOf[previous];
      column = previous;
    } while (column !== 0);
  }
  const result = new Int32Array(m).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOf[j] !== 0) result[j - 1] = rowOf[j] - 1;
  return result;
}

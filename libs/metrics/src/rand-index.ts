import { contingencyTable, type ContingencyTable } from './contingency.js';
import type { Labels } from './labels.js';

/**
 * Adjusted Rand index of a contingency table, as scikit-learn's `adjusted_rand_score`: from the pair confusion
 * matrix, with the final products in exact integer (BigInt) arithmetic so that nothing cancels for 10^6 labels.
 */
export function adjustedRandIndexOfTable(table: ContingencyTable): number {
  const { n, rowSums, colSums, cellRows, cellCols, cellCounts } = table;
  // All sums below are integers below n², exact in doubles for n < 9e7.
  let sumSquares = 0;
  let byColumn = 0;
  let byRow = 0;
  for (let c = 0; c < cellCounts.length; c++) {
    const count = cellCounts[c];
    sumSquares += count * count;
    byColumn += count * colSums[cellCols[c]];
    byRow += count * rowSums[cellRows[c]];
  }
  const bothSame = BigInt(sumSquares - n); // tp: pairs together in both labellings (ordered pairs)
  const onlyPredSame = BigInt(byColumn - sumSquares); // fp
  const onlyTruthSame = BigInt(byRow - sumSquares); // fn
  const neither = BigInt(n) * BigInt(n) - onlyPredSame - onlyTruthSame - BigInt(sumSquares); // tn
  if (onlyTruthSame === 0n && onlyPredSame === 0n) return 1;
  const numerator = 2n * (bothSame * neither - onlyTruthSame * onlyPredSame);
  const denominator =
    (bothSame + onlyTruthSame) * (onlyTruthSame + neither) +
    (bothSame + onlyPredSame) * (onlyPredSame + neither);
  return Number(numerator) / Number(denominator);
}

/**
 * Adjusted Rand index (Hubert and Arabie) between true and predicted labels: 1 for identical partitions, about 0
 * for random ones, negative when worse than chance. Equals scikit-learn's `adjusted_rand_score`.
 */
export function adjustedRandIndex(truth: Labels, pred: Labels): number {
  return adjustedRandIndexOfTable(contingencyTable(truth, pred));
}

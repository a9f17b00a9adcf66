/**
 * Benjamini-Hochberg adjusted p-values (statsmodels' `multipletests(method='fdr_bh')`, as scanpy uses it):
 * p_(i) · m / i for the i-th smallest of m p-values, made monotone from the largest down and capped at 1. NaN
 * p-values count as 1, as scanpy sets them before adjusting.
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  const values = Float64Array.from(pValues, (p) => (Number.isNaN(p) ? 1 : p));
  // Stable order, ties by index, so equal p-values get their adjustment in a reproducible order.
  const order = Int32Array.from({ length: m }, (_, i) => i).sort((i, j) => values[i] - values[j] || i - j);
  const adjusted = new Float64Array(m);
  let running = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1];
    running = Math.min(running, (values[index] * m) / rank);
    adjusted[index] = Math.min(running, 1);
  }
  return adjusted;
}

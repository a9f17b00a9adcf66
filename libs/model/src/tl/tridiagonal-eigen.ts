/**
 * Eigen-decomposition of a real symmetric tridiagonal matrix by the implicit QL method (JAMA's `tql2`, after
 * EISPACK). Used by the Lanczos PCA, whose tridiagonal matrices are at most a few hundred rows.
 *
 * `diagonal` (length n) and `offDiagonal` (length n, entry i couples i and i+1, the last ignored) are not changed.
 * Returns the eigenvalues in descending order and, when `withVectors`, the eigenvectors as rows of an n x n
 * row-major array (row r belongs to eigenvalue r).
 */
export function tridiagonalEigen(
  diagonal: ArrayLike<number>,
  offDiagonal: ArrayLike<number>,
  withVectors: boolean,
): { values: Float64Array; vectors: Float64Array | null } {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e[i] = offDiagonal[i];
  // Vectors stored transposed (row i = column i of JAMA's V) so the rotations below read contiguous rows.
  const v = withVectors ? new Float64Array(n * n) : null;
  if (v) for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 100) throw new Error('tridiagonalEigen: no convergence');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (v) {
            const a = i * n;
            const b = (i + 1) * n;
            for (let k = 0; k < n; k++) {
              const hk = v[b + k];
              v[b + k] = s * v[a + k] + c * hk;
              v[a + k] = c * v[a + k] - s * hk;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b] - d[a]);
  const values = Float64Array.from(order, (i) => d[i]);
  let vectors: Float64Array | null = null;
  if (v) {
    vectors = new Float64Array(n * n);
    for (let r = 0; r < n; r++) vectors.set(v.subarray(order[r] * n, order[r] * n + n), r * n);
  }
  return { values, vectors };
}

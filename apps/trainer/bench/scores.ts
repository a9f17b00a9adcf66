/** ARI, NMI (arithmetic) and clustering accuracy (Hungarian): private until @scsamac/metrics lands. */

function contingency(a: Int32Array, b: Int32Array) {
  const ka = Math.max(...a) + 1;
  const kb = Math.max(...b) + 1;
  const table = Array.from({ length: ka }, () => new Float64Array(kb));
  for (let i = 0; i < a.length; i++) table[a[i]][b[i]]++;
  return { table, ka, kb };
}

const comb2 = (n: number) => (n * (n - 1)) / 2;

export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
  const { table, ka, kb } = contingency(a, b);
  let index = 0;
  const rowSums = new Float64Array(ka);
  const colSums = new Float64Array(kb);
  for (let i = 0; i < ka; i++)
    for (let j = 0; j < kb; j++) {
      index += comb2(table[i][j]);
      rowSums[i] += table[i][j];
      colSums[j] += table[i][j];
    }
  const sa = rowSums.reduce((s, v) => s + comb2(v), 0);
  const sb = colSums.reduce((s, v) => s + comb2(v), 0);
  const expected = (sa * sb) / comb2(a.length);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

export function normalizedMutualInfo(a: Int32Array, b: Int32Array): number {
  const { table, ka, kb } = contingency(a, b);
  const n = a.length;
  const ra = new Float64Array(ka);
  const cb = new Float64Array(kb);
  for (let i = 0; i < ka; i++) for (let j = 0; j < kb; j++) ((ra[i] += table[i][j]), (cb[j] += table[i][j]));
  let mi = 0;
  for (let i = 0; i < ka; i++)
    for (let j = 0; j < kb; j++)
      if (table[i][j] > 0) mi += (table[i][j] / n) * Math.log((n * table[i][j]) / (ra[i] * cb[j]));
  const h = (v: Float64Array) => -v.reduce((s, c) => (c > 0 ? s + (c / n) * Math.log(c / n) : s), 0);
  const denom = (h(ra) + h(cb)) / 2;
  return denom === 0 ? 1 : mi / denom;
}

/** Hungarian assignment maximising matches (square padding). */
export function clusteringAccuracy(truth: Int32Array, pred: Int32Array): number {
  const { table, ka, kb } = contingency(pred, truth);
  const n = Math.max(ka, kb);
  const cost = Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: n }, (_, j) => (i < ka && j < kb ? -table[i][j] : 0)),
  );
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++)
        if (!used[j]) {
          const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
          if (cur < minv[j]) ((minv[j] = cur), (way[j] = j0));
          if (minv[j] < delta) ((delta = minv[j]), (j1 = j));
        }
      for (let j = 0; j <= n; j++)
        if (used[j]) ((u[p[j]] += delta), (v[j] -= delta));
        else minv[j] -= delta;
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  let matched = 0;
  for (let j = 1; j <= n; j++) if (p[j] > 0) matched += -cost[p[j] - 1][j - 1];
  return matched / truth.length;
}

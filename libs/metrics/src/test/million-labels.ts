/**
 * The 10^6-label pair of fixtures/label-pairs.json ("million-labels-v1"), regenerated from the same integer
 * formula as make_fixtures.py instead of storing two million numbers: 20 true classes, 25 predicted clusters,
 * a quarter of the cells relabelled at random.
 */
export function millionLabels(): { truth: Int32Array; pred: Int32Array } {
  const n = 1_000_000;
  const truth = new Int32Array(n);
  const pred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // (i · constant) mod 2^32, exactly as numpy's uint64 arithmetic computes it.
    const h1 = Math.imul(i, 2654435761) >>> 0;
    const h2 = Math.imul(i + 12345, 2246822519) >>> 0;
    truth[i] = (h1 >>> 8) % 20;
    const noisy = ((h2 >>> 4) & 3) === 0;
    pred[i] = noisy ? (h2 >>> 8) % 25 : (truth[i] * 7 + 3) % 25;
  }
  return { truth, pred };
}

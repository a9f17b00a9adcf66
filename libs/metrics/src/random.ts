/**
 * A small seeded generator (mulberry32) for the silhouette's sample, so that the same seed picks the same cells.
 * Kept local because libs/metrics imports nothing of ours.
 */
export function seededUniform(seed: number): () => number {
  let state = (seed | 0) ^ 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

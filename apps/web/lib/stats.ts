/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample standard deviation (n - 1 in the denominator); 0 for one value, NaN for none. */
export function standardDeviation(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  if (values.length === 1) return 0;
  const centre = mean(values);
  const squares = values.reduce((sum, value) => sum + (value - centre) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/** `0.812 ± 0.013` (the spread only when there is one), or an em dash for a missing value. */
export function formatMeanSd(value: number | null | undefined, spread?: number | null, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const centre = value.toFixed(digits);
  if (spread === null || spread === undefined || !Number.isFinite(spread)) return centre;
  return `${centre} ± ${spread.toFixed(digits)}`;
}

/**
 * The smallest and largest of `values` in one pass; `{ min: Infinity, max: -Infinity }` for none. A loop rather
 * than `Math.min(...values)`, which throws a RangeError past about 100,000 arguments (one per cell).
 */
export function extent(values: ArrayLike<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

/** Equal-width histogram of `values` over `bins` bins; `edges` has bins + 1 entries. */
export function histogram(values: ArrayLike<number>, bins: number): { edges: number[]; counts: number[] } {
  const { min: low, max } = extent(values);
  let high = max;
  if (!Number.isFinite(low)) return { edges: [0, 1], counts: [0] };
  if (high === low) high = low + 1;
  const width = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, index) => low + index * width);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i += 1) {
    const bin = Math.min(bins - 1, Math.floor((values[i]! - low) / width));
    counts[bin]! += 1;
  }
  return { edges, counts };
}

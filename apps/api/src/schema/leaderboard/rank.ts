/** Mean and sample standard deviation (null with fewer than two values). */
export function meanAndSd(values: number[]): { mean: number; sd: number | null } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (values.length < 2) return { mean, sd: null };
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/** Metrics where smaller is better (run time); every other metric ranks larger first. */
export function lowerIsBetter(metric: string): boolean {
  return metric.toLowerCase() === 'seconds';
}

/**
 * Sorts rows best first by `mean` and gives each a 1-based rank; equal means share a rank ("1, 2, 2, 4").
 */
export function rankByMean<T extends { mean: number }>(
  rows: T[],
  ascending: boolean,
): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => (ascending ? a.mean - b.mean : b.mean - a.mean));
  let rank = 0;
  return sorted.map((row, index) => {
    if (index === 0 || row.mean !== sorted[index - 1]!.mean) rank = index + 1;
    return { ...row, rank };
  });
}

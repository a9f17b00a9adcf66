/** One leaderboard row as the table shows it. */
export interface BoardRow {
  key: string;
  method: string;
  reported: boolean;
  source: string | null;
  n: number;
  /** metric name -> { mean, sd } */
  metrics: Record<string, { mean: number; sd: number | null }>;
  runIds: string[];
}

/** Sorts rows by a metric's mean (missing values last, whatever the direction), or by method name. */
export function sortRows(rows: readonly BoardRow[], key: string, direction: 'asc' | 'desc'): BoardRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'method')
      return sign * a.method.localeCompare(b.method) || Number(a.reported) - Number(b.reported);
    const left = a.metrics[key]?.mean;
    const right = b.metrics[key]?.mean;
    if (left === undefined && right === undefined) return 0;
    if (left === undefined) return 1;
    if (right === undefined) return -1;
    return sign * (left - right) || Number(a.reported) - Number(b.reported);
  });
}

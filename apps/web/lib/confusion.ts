/** A contingency table of predicted clusters (columns) against true labels (rows). */
export interface ConfusionMatrix {
  rowNames: string[];
  columnNames: string[];
  /** counts[row][column]: cells with true label `rowNames[row]` put in cluster `columnNames[column]`. */
  counts: number[][];
}

/**
 * Counts cells per (true label, cluster) pair. Columns are ordered so each true label's best cluster comes next
 * to the diagonal (greedy: largest cells first), which makes a good clustering read as a diagonal band; clusters
 * that match no label come last.
 */
export function confusionMatrix(truth: readonly string[], predicted: readonly string[]): ConfusionMatrix {
  if (truth.length !== predicted.length) {
    throw new Error(`truth has ${truth.length} labels but predicted has ${predicted.length}`);
  }
  const rowNames = [...new Set(truth)].sort(naturalCompare);
  const clusters = [...new Set(predicted)].sort(naturalCompare);
  const rowIndex = new Map(rowNames.map((name, index) => [name, index]));
  const clusterIndex = new Map(clusters.map((name, index) => [name, index]));
  const raw = rowNames.map(() => new Array<number>(clusters.length).fill(0));
  truth.forEach((label, cell) => {
    raw[rowIndex.get(label)!]![clusterIndex.get(predicted[cell]!)!]! += 1;
  });
  const pairs: { row: number; column: number; count: number }[] = [];
  raw.forEach((row, r) => row.forEach((count, c) => count > 0 && pairs.push({ row: r, column: c, count })));
  pairs.sort((a, b) => b.count - a.count || a.row - b.row || a.column - b.column);
  const columnForRow = new Map<number, number>();
  const usedColumns = new Set<number>();
  for (const pair of pairs) {
    if (columnForRow.has(pair.row) || usedColumns.has(pair.column)) continue;
    columnForRow.set(pair.row, pair.column);
    usedColumns.add(pair.column);
  }
  const order: number[] = [];
  rowNames.forEach((_, row) => {
    const column = columnForRow.get(row);
    if (column !== undefined) order.push(column);
  });
  clusters.forEach((_, column) => !usedColumns.has(column) && order.push(column));
  return {
    rowNames,
    columnNames: order.map((column) => clusters[column]!),
    counts: raw.map((row) => order.map((column) => row[column]!)),
  };
}

/** Compares names so that `2` sorts before `10` and words sort alphabetically. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

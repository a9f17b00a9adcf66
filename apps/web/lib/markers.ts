import { extent } from './stats';

/** A marker gene of one cluster, as the API returns it. */
export interface MarkerRow {
  cluster: number;
  rank: number;
  gene: string;
  logFoldChange: number;
  pValueAdjusted: number;
  fractionIn: number;
  meanIn: number;
}

/** One gene in one cluster: the fraction of its cells expressing it (value > 0) and its mean value there. */
export interface ClusterSummary {
  fraction: number;
  mean: number;
}

/** Per (cluster, gene) statistics for a dot plot or heatmap; null where the API gave none for that pair. */
export interface MarkerGrid {
  clusters: number[];
  genes: string[];
  /** cells[cluster index][gene index] */
  cells: (ClusterSummary | null)[][];
  maxMean: number;
}

/**
 * The `top` strongest markers of each cluster, de-duplicated, in cluster order, with each gene's statistics in
 * every cluster where the API reported it. Statistics come from `expressionByCluster` when given (every pair known),
 * else only from the marker rows (a gene's own cluster).
 */
export function markerGrid(
  markers: readonly MarkerRow[],
  top: number,
  expressionByCluster?: Map<string, Map<number, ClusterSummary>>,
): MarkerGrid {
  const clusters = [...new Set(markers.map((marker) => marker.cluster))].sort((a, b) => a - b);
  const genes: string[] = [];
  for (const cluster of clusters) {
    markers
      .filter((marker) => marker.cluster === cluster)
      .sort((a, b) => a.rank - b.rank)
      .slice(0, top)
      .forEach((marker) => {
        if (!genes.includes(marker.gene)) genes.push(marker.gene);
      });
  }
  const known = new Map(markers.map((marker) => [`${marker.cluster}|${marker.gene}`, marker]));
  let maxMean = 0;
  const cells = clusters.map((cluster) =>
    genes.map((gene) => {
      const fromExpression = expressionByCluster?.get(gene)?.get(cluster);
      const marker = known.get(`${cluster}|${gene}`);
      const value = fromExpression ?? (marker ? { fraction: marker.fractionIn, mean: marker.meanIn } : null);
      if (value) maxMean = Math.max(maxMean, value.mean);
      return value;
    }),
  );
  return { clusters, genes, cells, maxMean };
}

/** Fraction of cells expressing (value > 0) and mean value, per cluster, of one gene. */
export function summariseByCluster(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
): Map<number, ClusterSummary> {
  const sums = new Map<number, { n: number; expressed: number; total: number }>();
  for (let i = 0; i < labels.length; i += 1) {
    const cluster = labels[i]!;
    const entry = sums.get(cluster) ?? { n: 0, expressed: 0, total: 0 };
    entry.n += 1;
    if (values[i]! > 0) entry.expressed += 1;
    entry.total += values[i]!;
    sums.set(cluster, entry);
  }
  return new Map(
    [...sums].map(([cluster, entry]) => [
      cluster,
      { fraction: entry.expressed / entry.n, mean: entry.total / entry.n },
    ]),
  );
}

/** Gaussian kernel density of `values` at `points` steps between min and max (Silverman's bandwidth). */
export function kernelDensity(values: readonly number[], points = 40): { x: number[]; density: number[] } {
  if (values.length === 0) return { x: [], density: [] };
  const { min, max } = extent(values);
  const n = values.length;
  const mu = values.reduce((sum, value) => sum + value, 0) / n;
  const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mu) ** 2, 0) / Math.max(1, n - 1));
  const bandwidth = Math.max(1e-3, 1.06 * (sd || 1) * n ** -0.2);
  const x = Array.from(
    { length: points },
    (_, index) => min + ((max - min) * index) / Math.max(1, points - 1),
  );
  const density = x.map(
    (at) =>
      values.reduce((sum, value) => sum + Math.exp(-0.5 * ((at - value) / bandwidth) ** 2), 0) /
      (n * bandwidth * Math.sqrt(2 * Math.PI)),
  );
  return { x, density };
}

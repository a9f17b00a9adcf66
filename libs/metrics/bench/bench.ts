/**
 * `npm run bench -w @scsamac/metrics`: times the scores and marker genes at the sizes the issue names and prints a
 * table. Targets: marker genes on 100,000 cells x 2,000 genes x 20 clusters under 60 s.
 */
import {
  adjustedMutualInformation,
  adjustedRandIndex,
  clusteringAccuracy,
  clusteringScores,
  markerGenes,
  normalizedMutualInformation,
  silhouetteScore,
  type CsrMatrix,
} from '../src/index.js';
import { seededUniform } from '../src/random.js';
import { millionLabels } from '../src/test/million-labels.js';

interface Row {
  step: string;
  size: string;
  seconds: number;
  /** CPU time of this process: on a shared machine, wall time alone says as much about the neighbours. */
  cpuSeconds: number;
  target: string;
}

const rows: Row[] = [];

function time<T>(run: () => T): { result: T; seconds: number; cpuSeconds: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return {
    result,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

function measure(step: string, size: string, run: () => unknown, target = ''): void {
  const { seconds, cpuSeconds } = time(run);
  rows.push({ step, size, seconds, cpuSeconds, target });
}

/**
 * A log-normalised count matrix like a 2,000-HVG single-cell dataset: per-gene base rates spread over two orders
 * of magnitude, 40 marker genes per cluster at 6x, varying library sizes; counts are Poisson, values
 * log1p(count / librarySize * 1e4).
 */
function syntheticExpression(
  cells: number,
  genes: number,
  clusters: number,
): { matrix: CsrMatrix; labels: Int32Array } {
  const uniform = seededUniform(2024);
  const rates = new Float64Array(clusters * genes);
  for (let j = 0; j < genes; j++) {
    const base = 0.01 * Math.pow(50, uniform());
    for (let c = 0; c < clusters; c++) rates[c * genes + j] = base;
  }
  for (let c = 0; c < clusters; c++) {
    for (let m = 0; m < 40; m++) rates[c * genes + Math.floor(uniform() * genes)] *= 6;
  }
  const labels = new Int32Array(cells);
  const indptr = new Int32Array(cells + 1);
  let indices = new Int32Array(cells * 64);
  let data = new Float32Array(cells * 64);
  let nnz = 0;
  for (let i = 0; i < cells; i++) {
    const cluster = Math.floor(uniform() * clusters);
    labels[i] = cluster;
    const depth = 0.5 + 1.5 * uniform();
    let total = 0;
    const rowStart = nnz;
    for (let j = 0; j < genes; j++) {
      const mean = rates[cluster * genes + j] * depth;
      // Poisson by inversion; means are small, so this takes one or two steps on average.
      let u = uniform();
      let probability = Math.exp(-mean);
      let count = 0;
      while (u > probability && count < 50) {
        u -= probability;
        count++;
        probability *= mean / count;
      }
      if (count === 0) continue;
      if (nnz === indices.length) {
        const grownIndices = new Int32Array(indices.length * 2);
        grownIndices.set(indices);
        indices = grownIndices;
        const grownData = new Float32Array(data.length * 2);
        grownData.set(data);
        data = grownData;
      }
      indices[nnz] = j;
      data[nnz++] = count;
      total += count;
    }
    for (let k = rowStart; k < nnz; k++) data[k] = Math.log1p((data[k] / (total + 100)) * 1e4);
    indptr[i + 1] = nnz;
  }
  return {
    matrix: { rows: cells, cols: genes, indptr, indices: indices.slice(0, nnz), data: data.slice(0, nnz) },
    labels,
  };
}

function blobs(n: number, dims: number, clusters: number): { data: Float32Array; labels: Int32Array } {
  const uniform = seededUniform(99);
  const data = new Float32Array(n * dims);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % clusters;
    for (let d = 0; d < dims; d++) {
      const normal = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
      data[i * dims + d] = normal + ((labels[i] * 7 + d) % 5 === 0 ? 4 : 0);
    }
  }
  return { data, labels };
}

const { truth, pred } = millionLabels();
const million = '10^6 labels, 20 vs 25 clusters';
measure('ARI', million, () => adjustedRandIndex(truth, pred));
measure('NMI', million, () => normalizedMutualInformation(truth, pred));
measure('AMI (with EMI)', million, () => adjustedMutualInformation(truth, pred));
measure('CA (Hungarian)', million, () => clusteringAccuracy(truth, pred));
measure('all scores, one table', million, () => clusteringScores(truth, pred));

const points = blobs(10_000, 16, 10);
measure('silhouette (exact)', '10,000 points x 16 dims, 10 clusters', () =>
  silhouetteScore({ rows: 10_000, cols: 16, data: points.data }, points.labels),
);

const generated = time(() => syntheticExpression(100_000, 2_000, 20));
const { matrix, labels } = generated.result;
const density = matrix.data.length / (matrix.rows * matrix.cols);
let topMarker = '';
measure(
  'marker genes (Wilcoxon)',
  `100,000 x 2,000, 20 clusters, ${(density * 100).toFixed(1)}% nonzero`,
  () => {
    const result = markerGenes(matrix, labels, { topN: 100 });
    topMarker = `gene ${result[0].genes[0].gene}, z = ${result[0].genes[0].score.toFixed(1)}`;
  },
  '< 60 s',
);

const widths = [24, 44, 8, 8, 8];
const line = (cells: string[]) => cells.map((cell, k) => cell.padEnd(widths[k])).join(' | ');
console.log(line(['step', 'size', 'wall s', 'cpu s', 'target']));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) {
  console.log(line([row.step, row.size, row.seconds.toFixed(3), row.cpuSeconds.toFixed(3), row.target]));
}
console.log(
  `(synthetic matrix generated in ${generated.seconds.toFixed(1)} s, not counted; top marker of cluster 0: ${topMarker})`,
);
const failed = rows.filter(
  (row) => row.target.startsWith('< ') && row.seconds > Number.parseFloat(row.target.slice(2)),
);
if (failed.length > 0) {
  console.error(`over target: ${failed.map((row) => row.step).join(', ')}`);
  process.exitCode = 1;
}

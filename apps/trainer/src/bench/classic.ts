// Benchmark of the classic baselines (issue 7): `pca-kmeans` and `pca-leiden` through the same pipeline as
// `scsamac cluster`, on the shared datasets, seeds 1-3, against the mean ARI scikit-learn/leidenalg give for the same
// recipe (../shared/tools/run_classic.py). Prints one table; `--datasets a,b` and `--seeds 1,2` narrow it,
// `--json FILE` also writes the rows.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset, runClustering } from '../pipeline/run-clustering.js';

const root = new URL('../../../../', import.meta.url).pathname;
const datasets = path.resolve(root, '../shared/datasets');

/** Mean ARI of seeds 1-3 measured with scikit-learn / leidenalg (issue 7), and the tolerance allowed. */
const REFERENCE: Record<string, { file: string; 'pca-kmeans': number; 'pca-leiden': number }> = {
  '10X_PBMC': { file: '10X_PBMC/10X_PBMC_top2000.h5', 'pca-kmeans': 0.69, 'pca-leiden': 0.58 },
  mouse_bladder_cell: {
    file: 'mouse_bladder_cell/mouse_bladder_cell_top2000.h5',
    'pca-kmeans': 0.56,
    'pca-leiden': 0.67,
  },
  Baron_mouse1: {
    file: 'Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5',
    'pca-kmeans': 0.74,
    'pca-leiden': 0.64,
  },
  CITE_CBMC: { file: 'CITE_CBMC/CITE_CBMC_counts_top2000.h5', 'pca-kmeans': 0.56, 'pca-leiden': 0.61 },
};
const TOLERANCE = { 'pca-kmeans': 0.1, 'pca-leiden': 0.05 } as const;
const METHODS = ['pca-kmeans', 'pca-leiden'] as const;

const { values } = parseArgs({
  options: { datasets: { type: 'string' }, seeds: { type: 'string' }, json: { type: 'string' } },
});
const names = values.datasets ? values.datasets.split(',') : Object.keys(REFERENCE);
const seeds = (values.seeds ?? '1,2,3').split(',').map(Number);

interface Row {
  dataset: string;
  method: string;
  cells: number;
  genes: number;
  ari: number[];
  nmi: number[];
  ca: number[];
  k: number[];
  seconds: number[];
  reference: number;
}

const rows: Row[] = [];
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const name of names) {
  const reference = REFERENCE[name];
  if (!reference) throw new Error(`unknown dataset ${name}; known: ${Object.keys(REFERENCE).join(', ')}`);
  const matrix = await loadDataset(path.join(datasets, reference.file));
  const byMethod = new Map<string, Row>();
  for (const method of METHODS) {
    byMethod.set(method, {
      dataset: name,
      method,
      cells: matrix.rows,
      genes: matrix.cols,
      ari: [],
      nmi: [],
      ca: [],
      k: [],
      seconds: [],
      reference: reference[method],
    });
  }
  // Seeds outside, methods inside: both methods of a seed share one PCA (libs/model keeps the last embedding).
  for (const seed of seeds) {
    for (const method of METHODS) {
      const row = byMethod.get(method) as Row;
      const outcome = await runClustering(matrix, { method, k: 'labels', options: { seed } });
      const scores = Object.values(outcome.scores)[0];
      row.ari.push(scores.ARI);
      row.nmi.push(scores.NMI);
      row.ca.push(scores.CA);
      row.k.push(outcome.result.k);
      row.seconds.push(outcome.seconds);
      console.error(
        `${name} ${method} seed ${seed}: ARI ${scores.ARI.toFixed(4)} k ${outcome.result.k} ${outcome.seconds.toFixed(1)} s`,
      );
    }
  }
  rows.push(...byMethod.values());
}

const header = [
  'dataset',
  'method',
  'cells',
  'genes',
  'k',
  'ARI mean',
  'ARI per seed',
  'target',
  'diff',
  'ok',
  'NMI',
  'CA',
  's/run',
];
const table = rows.map((row) => {
  const diff = mean(row.ari) - row.reference;
  return [
    row.dataset,
    row.method,
    String(row.cells),
    String(row.genes),
    row.k.join('/'),
    mean(row.ari).toFixed(3),
    row.ari.map((v) => v.toFixed(3)).join(' '),
    row.reference.toFixed(2),
    (diff >= 0 ? '+' : '') + diff.toFixed(3),
    Math.abs(diff) <= TOLERANCE[row.method as keyof typeof TOLERANCE] ? 'yes' : 'NO',
    mean(row.nmi).toFixed(3),
    mean(row.ca).toFixed(3),
    mean(row.seconds).toFixed(1),
  ];
});
const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
const line = (cells: string[]): string => cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ');
console.log(
  `classic baselines, seeds ${seeds.join(',')} (target: scikit-learn/leidenalg mean ARI; tolerance 0.10 k-means, 0.05 graph)`,
);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of table) console.log(line(r));
if (values.json) await writeFile(values.json, JSON.stringify(rows, null, 2) + '\n');

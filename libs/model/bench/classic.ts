// Speed of the classic pp/tl steps on a synthetic count matrix of the size of the shared datasets (cells x 2,000
// genes after selection). Prints one table of seconds per step. Usage: `npm run bench:classic [-- CELLS]`.
import { pp, tl } from '../src/index.js';
import { createRandom } from '../src/random.js';

const cells = Number(process.argv[2] ?? 4000);
const genes = 3000;
const types = 8;
const random = createRandom(1);

// Poisson counts: 8 cell types, each with 60 marker genes at 5x, library sizes varying 0.5-2x.
const base = Float64Array.from({ length: genes }, () => 0.05 + 1.5 * random.next() ** 3);
const dense = new Float32Array(cells * genes);
for (let i = 0; i < cells; i++) {
  const type = i % types;
  const library = 0.5 + 1.5 * random.next();
  for (let j = 0; j < genes; j++) {
    const mean = base[j] * library * (j >= type * 60 && j < type * 60 + 60 ? 5 : 1);
    let value = 0;
    let probability = Math.exp(-mean);
    let cumulative = probability;
    const u = random.next();
    while (u > cumulative && value < 500) {
      value++;
      probability *= mean / value;
      cumulative += probability;
    }
    dense[i * genes + j] = value;
  }
}
const counts = pp.toCsr({ rows: cells, cols: genes, data: dense });

const rows: [string, number, string][] = [];
function time<T>(step: string, run: () => T, note: (result: T) => string = () => ''): T {
  const start = performance.now();
  const result = run();
  rows.push([step, (performance.now() - start) / 1000, note(result)]);
  return result;
}

const normalised = time('normalise + log1p', () => pp.log1p(pp.normalizeTotal(counts, { targetSum: 1e4 })));
const hvg = time('highly variable genes', () => pp.highlyVariableGenes(normalised, { nTop: 2000 }));
const scaled = time('select + scale', () => pp.scale(pp.selectGenes(normalised, hvg), { maxValue: 10 }));
const pcaResult = time(
  'pca 50 (Lanczos)',
  () => tl.pca(scaled, { nComponents: 50, seed: 1 }),
  (r) => `variance[49] ${r.explainedVariance[49].toFixed(4)}`,
);
time(
  'kmeans k=8, 20 restarts',
  () => tl.kmeans(pcaResult.scores, { k: types, seed: 1 }),
  (r) => `inertia ${r.inertia.toFixed(0)}`,
);
const graph = time('neighbors k=15 (exact)', () => tl.neighbors(pcaResult.scores, { k: 15 }));
time(
  'leiden',
  () => tl.communities(graph, { seed: 1 }),
  (labels) => `${new Set(labels).size} communities`,
);
time(
  'louvain (graphology)',
  () => tl.communities(graph, { seed: 1, method: 'louvain' }),
  (labels) => `${new Set(labels).size} communities`,
);

console.log(`classic pp/tl steps, ${cells} cells x ${genes} genes (${counts.data.length} non-zeros)`);
console.log(`${'step'.padEnd(26)} | ${'seconds'.padStart(8)} | note`);
console.log(`${'-'.repeat(26)}-|-${'-'.repeat(8)}-|-----`);
for (const [step, seconds, note] of rows)
  console.log(`${step.padEnd(26)} | ${seconds.toFixed(2).padStart(8)} | ${note}`);

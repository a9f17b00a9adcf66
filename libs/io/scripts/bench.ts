// `npm run bench -w @scsamac/io`: read time and peak RSS of every shared file, and of a synthetic 100,000-cell x
// 2,000-gene sparse .h5ad (about 10% non-zero) written here to a temp folder. Each read runs in a child process on
// libs/io compiled by tsc (plain node). The last line measures importing the package from source the way the apps
// run it (the project's esbuild hooks in scripts/ts-runtime, which leave h5wasm's 4 MB bundle alone; tsx did not).
// Targets for the synthetic file on the 2-core dev machine: under 10 s and under 1.5 GB peak RSS.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeH5ad } from '../src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const CELLS = 100_000;
const GENES = 2_000;
const DENSITY = 0.1;

/** A small seeded generator (mulberry32) so every run writes the same matrix. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the synthetic matrix: each gene present with probability DENSITY (geometric gaps), counts 1 + geometric. */
async function writeSynthetic(path: string): Promise<number> {
  const next = random(42);
  const capacity = Math.ceil(CELLS * GENES * DENSITY * 1.05);
  const indices = new Int32Array(capacity);
  const data = new Float32Array(capacity);
  const indptr = new Int32Array(CELLS + 1);
  const logKeep = Math.log(1 - DENSITY);
  let nnz = 0;
  for (let cell = 0; cell < CELLS; cell++) {
    let gene = Math.floor(Math.log(1 - next()) / logKeep);
    while (gene < GENES) {
      indices[nnz] = gene;
      data[nnz] = 1 + Math.floor(Math.log(1 - next()) / Math.log(0.6));
      nnz++;
      gene += 1 + Math.floor(Math.log(1 - next()) / logKeep);
    }
    indptr[cell + 1] = nnz;
  }
  await writeH5ad(path, {
    matrix: {
      rows: CELLS,
      cols: GENES,
      indptr,
      indices: indices.subarray(0, nnz),
      data: data.subarray(0, nnz),
      cellIds: Array.from({ length: CELLS }, (_, i) => `cell_${i}`),
      geneNames: Array.from({ length: GENES }, (_, i) => `Gene${i}`),
      labels: [{ name: 'group', values: Array.from({ length: CELLS }, (_, i) => `g${i % 12}`) }],
    },
  });
  return nnz;
}

interface Measurement {
  format: string;
  cells: number;
  genes: number;
  nnz: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

function measure(distIndex: string, path: string, labels?: string): Measurement {
  const output = execFileSync(
    process.execPath,
    [join(here, 'read-one.mjs'), distIndex, path, ...(labels ? [labels] : [])],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!) as Measurement;
}

/** Seconds and peak RSS of importing the package (and starting h5wasm) from source, as the apps run it. */
function importFromSource(): { seconds: number; peakRssMb: number } {
  const script =
    "const t = performance.now(); const io = await import('@scsamac/io'); await io.detectFormat(process.argv[1]);" +
    'console.log(JSON.stringify({ seconds: (performance.now() - t) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 }))';
  const output = execFileSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(join(here, '../../../scripts/ts-runtime/register.mjs')).href,
      '--input-type=module',
      '-e',
      script,
      join(shared, 'formats/Baron_mouse1.csr.h5ad'),
    ],
    {
      encoding: 'utf8',
      cwd: join(here, '..'),
    },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!) as { seconds: number; peakRssMb: number };
}

const inputs: { name: string; path: string; labels?: string }[] = [
  { name: 'datasets/10X_PBMC/10X_PBMC_top2000.h5', path: '' },
  { name: 'datasets/Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5', path: '' },
  { name: 'datasets/Baron_mouse1/Baron_mouse1_GSM2230761_umifm_counts.csv.zip', path: '' },
  { name: 'datasets/CITE_CBMC/CITE_CBMC_counts_top2000.h5', path: '' },
  { name: 'datasets/mouse_bladder_cell/mouse_bladder_cell_select_2100.h5', path: '' },
  { name: 'datasets/mouse_bladder_cell/mouse_bladder_cell_top2000.h5', path: '' },
  { name: 'formats/Baron_mouse1.csr.h5ad', path: '' },
  { name: 'formats/Baron_mouse1.dense.h5ad', path: '' },
  { name: 'formats/Baron_mouse1_10x_v3.h5', path: '' },
  { name: 'formats/Baron_mouse1_10x_mtx', path: '' },
  { name: 'formats/Baron_mouse1.genes_x_cells.csv.gz', path: '' },
].map((input) => ({ ...input, path: join(shared, input.name) }));

const scratch = mkdtempSync(join(tmpdir(), 'scsamac-io-bench-'));
try {
  const synthetic = join(scratch, 'synthetic_100k_x_2k.h5ad');
  const writeStarted = performance.now();
  const nnz = await writeSynthetic(synthetic);
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  console.log(
    `wrote ${relative(process.cwd(), synthetic) || synthetic}: ${CELLS} x ${GENES}, ${nnz} non-zeros ` +
      `(${((100 * nnz) / (CELLS * GENES)).toFixed(1)}%), ${(statSync(synthetic).size / 1e6).toFixed(0)} MB, in ${writeSeconds.toFixed(1)} s`,
  );
  inputs.push({ name: 'synthetic 100k x 2k sparse .h5ad', path: synthetic });

  // Inside the package (git-ignored dist/) so the compiled files resolve h5wasm, fflate and zod.
  const dist = join(here, '../dist/bench');
  execFileSync(
    process.execPath,
    [tsc, '-p', join(here, '../tsconfig.build.json'), '--outDir', dist, '--sourceMap', 'false'],
    {
      stdio: 'inherit',
    },
  );
  const distIndex = join(dist, 'index.js');
  const rows = inputs.map((input) => ({ input, result: measure(distIndex, input.path, input.labels) }));
  const header = [
    'file',
    'format',
    'cells',
    'genes',
    'non-zeros',
    'MB on disk',
    'read s',
    'CPU s',
    'peak RSS MB',
  ];
  const body = rows.map(({ input, result }) => [
    input.name,
    result.format,
    String(result.cells),
    String(result.genes),
    String(result.nnz),
    statSync(input.path).isDirectory() ? '-' : (statSync(input.path).size / 1e6).toFixed(1),
    result.seconds.toFixed(2),
    result.cpuSeconds.toFixed(2),
    result.peakRssMb.toFixed(0),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));

  console.log(
    `load average while measuring: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(', ')} on ${cpus().length} cores`,
  );
  const big = rows.at(-1)!.result;
  const ok = big.seconds < 10 && big.peakRssMb < 1536;
  console.log(
    `synthetic 100k target (< 10 s, < 1.5 GB): ${big.seconds.toFixed(2)} s, ${big.peakRssMb.toFixed(0)} MB -> ${ok ? 'met' : 'MISSED'}`,
  );
  const sourceImport = importFromSource();
  console.log(
    `import @scsamac/io + start h5wasm from source (as the apps run it): ${sourceImport.seconds.toFixed(1)} s, ` +
      `${sourceImport.peakRssMb.toFixed(0)} MB peak RSS`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * scSAMAC benchmark (issue 5): per dataset and seed, cells, genes, backend (and its threads), pretrain/cluster/total seconds, ms per training
 * step, peak RSS and ARI/NMI/CA against the true labels (true k given). Each run is its own child process so the
 * peak RSS (VmHWM) is that run's.
 *
 *   npm run bench:scsamac -w @scsamac/trainer -- [--datasets a,b] [--seeds 1,2,3] [--set key=value ...] [--dump DIR]
 * `--set` overrides one scSAMAC option (JSON value); `initARI` is the ARI right after centre initialisation.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusteringScores } from '@scsamac/metrics';
import { backendThreads, type scsamac } from '@scsamac/model';
import { loadDataset, runClustering } from '../src/pipeline/run-clustering.js';

const sharedDatasets = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/datasets',
);

const benchDatasets: Record<string, string> = {
  CITE_CBMC: 'CITE_CBMC/CITE_CBMC_counts_top2000.h5',
  '10X_PBMC': '10X_PBMC/10X_PBMC_top2000.h5',
  mouse_bladder_cell: 'mouse_bladder_cell/mouse_bladder_cell_top2000.h5',
  Baron_mouse1: 'Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5',
};

interface Row {
  dataset: string;
  seed: number;
  cells: number;
  genes: number;
  k: number;
  backend: string;
  /** Threads of the wasm backend (null on other backends). */
  threads: number | null;
  pretrainS: number;
  clusterS: number;
  totalS: number;
  msPerStep: number;
  steps: string;
  peakRssMb: number;
  ARI: number;
  NMI: number;
  CA: number;
  initARI: number;
}

function parseArgs(argv: string[]) {
  const args = {
    datasets: Object.keys(benchDatasets),
    seeds: [1, 2, 3],
    set: {} as Record<string, unknown>,
    dump: '',
    child: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--datasets') args.datasets = argv[++i].split(',');
    else if (a === '--seeds') args.seeds = argv[++i].split(',').map(Number);
    else if (a === '--set') {
      const [key, value] = argv[++i].split('=');
      args.set[key] = JSON.parse(value);
    } else if (a === '--dump') args.dump = argv[++i];
    else if (a === '--child') args.child = true;
  }
  return args;
}

function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

async function runOne(
  dataset: string,
  seed: number,
  set: Record<string, unknown>,
  dump: string,
): Promise<Row> {
  // The same call path as `scsamac cluster` and the trainer: @scsamac/io reads, the registry runs, metrics score.
  const matrix = await loadDataset(path.join(sharedDatasets, benchDatasets[dataset]));
  const outcome = await runClustering(matrix, { method: 'scsamac', k: 'labels', options: { ...set, seed } });
  const result = outcome.result as scsamac.ScsamacResult;
  const truth = matrix.labels[0].values;
  const scores = Object.values(outcome.scores)[0];
  const initial = clusteringScores(truth, Array.from(result.initialLabels));
  if (dump) {
    writeFileSync(
      path.join(dump, `${dataset}.seed${seed}.json`),
      JSON.stringify({
        latent: Array.from(result.latent),
        dims: result.latentDims,
        labels: truth,
        pred: Array.from(result.labels),
      }),
    );
  }
  return {
    dataset,
    seed,
    cells: matrix.rows,
    genes: matrix.cols,
    k: result.k,
    backend: result.backend,
    threads: await backendThreads(),
    pretrainS: result.timings.pretrain,
    clusterS: result.timings.cluster,
    totalS: result.timings.total,
    msPerStep: result.steps.msPerStep,
    steps: `${result.steps.pretrain}+${result.steps.cluster}`,
    peakRssMb: peakRssMb(),
    ARI: scores.ARI,
    NMI: scores.NMI,
    CA: scores.CA,
    initARI: initial.ARI,
  };
}

const f = (v: number, d = 3) => v.toFixed(d);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) {
    const row = await runOne(args.datasets[0], args.seeds[0], args.set, args.dump);
    process.stdout.write(`@@ROW ${JSON.stringify(row)}\n`);
    return;
  }
  const rows: Row[] = [];
  const self = fileURLToPath(import.meta.url);
  console.log(
    'dataset             seed cells genes  k backend thr pretrain_s cluster_s total_s ms/step steps      peakRSS_MB initARI ARI   NMI   CA',
  );
  for (const dataset of args.datasets) {
    for (const seed of args.seeds) {
      const extra = Object.entries(args.set).flatMap(([key, v]) => ['--set', `${key}=${JSON.stringify(v)}`]);
      const child = spawnSync(
        process.execPath,
        [
          // The project's esbuild hooks, as the apps run: tsx rewrote h5wasm's bundle at every start (8-25 s).
          '--import',
          path.resolve(path.dirname(self), '../../../scripts/ts-runtime/register.mjs'),
          self,
          '--child',
          '--datasets',
          dataset,
          '--seeds',
          String(seed),
          ...extra,
          ...(args.dump ? ['--dump', args.dump] : []),
        ],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        },
      );
      const line = child.stdout.split('\n').find((l) => l.startsWith('@@ROW '));
      if (!line) {
        console.error(child.stderr);
        throw new Error(`run ${dataset} seed ${seed} failed`);
      }
      const r = JSON.parse(line.slice(6)) as Row;
      rows.push(r);
      console.log(
        `${r.dataset.padEnd(19)} ${String(r.seed).padStart(4)} ${String(r.cells).padStart(5)} ${String(r.genes).padStart(5)} ${String(r.k).padStart(2)} ${r.backend.padEnd(7)} ${String(r.threads ?? '-').padStart(3)} ${f(r.pretrainS, 1).padStart(10)} ${f(r.clusterS, 1).padStart(9)} ${f(r.totalS, 1).padStart(7)} ${f(r.msPerStep, 0).padStart(7)} ${r.steps.padEnd(9)} ${f(r.peakRssMb, 0).padStart(10)} ${f(r.initARI)}   ${f(r.ARI)} ${f(r.NMI)} ${f(r.CA)}`,
      );
    }
  }
  console.log('\nmean over seeds');
  for (const dataset of args.datasets) {
    const rs = rows.filter((r) => r.dataset === dataset);
    const mean = (key: keyof Row) => rs.reduce((s, r) => s + (r[key] as number), 0) / rs.length;
    console.log(
      `${dataset.padEnd(19)} ARI ${f(mean('ARI'))} NMI ${f(mean('NMI'))} CA ${f(mean('CA'))} initARI ${f(mean('initARI'))} total_s ${f(mean('totalS'), 1)} ms/step ${f(mean('msPerStep'), 0)} peakRSS_MB ${f(Math.max(...rs.map((r) => r.peakRssMb)), 0)}`,
    );
  }
}

await main();

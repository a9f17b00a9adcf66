// The trainer's training thread (see training-thread.ts): it loads the libraries once, says `ready`, then trains
// one job at a time as `run` messages arrive. For each job it calls the same
// pipeline as `scsamac cluster` (load the file, run the method, score against every label column, write the output
// files), adds what the web app shows (a 2-D UMAP of the latent space, Wilcoxon marker genes, silhouette), and posts
// progress and the outcome back. It never touches the database: the trainer's main thread owns all writes.
import type { CountMatrix } from '@scsamac/io';
import { markerGenes, silhouetteScore } from '@scsamac/metrics';
import { pp, scsamac, tl, type MethodHooks, type ProgressEvent } from '@scsamac/model';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import {
  loadDataset,
  runClustering,
  writeClusteringOutputs,
  type ClusteringOutcome,
  type ClusteringRequest,
} from '../pipeline/run-clustering.js';
import type { HostMessage, MarkerRow, RunJob, RunOutcome, ScoreRow, ThreadMessage } from './messages.js';

/** Marker genes kept per cluster. */
const MARKERS_PER_CLUSTER = 20;
/** Cells sampled for the silhouette score (quadratic in the sample size). */
const SILHOUETTE_SAMPLE = 2000;
/** Name of the checkpoint file in the job's checkpoint folder. */
const CHECKPOINT_FILE = 'pretrained.json';

const post = (message: ThreadMessage, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(message, transfer);

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

/** Splits the run's stored params into the pipeline's request: `k` is the pipeline's, the rest the method's. */
function requestOf(run: RunJob): ClusteringRequest {
  const { k, ...options } = run.params;
  const kRequest: ClusteringRequest['k'] =
    typeof k === 'number' || k === 'labels' || k === 'auto' ? k : undefined;
  if (k !== undefined && kRequest === undefined) {
    throw new Error(`parameter k must be a number, "labels" or "auto", got ${JSON.stringify(k)}`);
  }
  return { method: run.methodId, k: kRequest, options: { ...options, seed: run.seed } };
}

/**
 * Runs the clustering, resuming from `hooks.resumeState` when it has one. A checkpoint the method refuses as not
 * this run's (written by a version with other options or defaults, or another format) is no reason to fail a retry:
 * the run trains from scratch, as a first attempt does, and the trainer logs why.
 */
async function runResuming(
  matrix: CountMatrix,
  request: ClusteringRequest,
  hooks: MethodHooks,
): Promise<ClusteringOutcome> {
  try {
    return await runClustering(matrix, request, hooks);
  } catch (error) {
    if (!(error instanceof scsamac.ResumeStateError) || hooks.resumeState === undefined) throw error;
    post({ type: 'notice', message: `checkpoint not used, training from scratch (${error.message})` });
    return runClustering(matrix, request, { ...hooks, resumeState: undefined });
  }
}

async function train(job: RunJob): Promise<void> {
  const started = performance.now();
  const matrix = await loadDataset(job.dataset.path, job.dataset.labelColumn ?? undefined);
  const loadSeconds = seconds(started);

  const checkpointPath = path.join(job.checkpoint.dir, CHECKPOINT_FILE);
  // The checkpoint hooks are part of MethodHooks: methods that pretrain (the scSAMAC family) save their state after
  // pretraining and resume from it; the others ignore them and train from scratch on a retry.
  const hooks: MethodHooks = {
    onProgress: (event: ProgressEvent) => post({ type: 'progress', event }),
    onPretrained: async (state) => {
      await writeFile(checkpointPath, JSON.stringify(state));
      post({ type: 'checkpoint', files: [CHECKPOINT_FILE] });
    },
  };
  if (job.checkpoint.resume) hooks.resumeState = JSON.parse(await readFile(checkpointPath, 'utf8'));
  const outcome = await runResuming(matrix, requestOf(job), hooks);
  const { result } = outcome;

  const embeddingStarted = performance.now();
  post({ type: 'progress', event: { phase: 'done', epoch: 0, totalEpochs: 0, fraction: 0.97, losses: {} } });
  const latent = { rows: matrix.rows, cols: result.latentDims, data: result.latent };
  // umap-learn's epoch count for large data; plenty for a picture, and half the time of umap-js's 500 on small data.
  const embedding = tl.umap(latent, { seed: job.seed, nEpochs: 200 });
  const embeddingSeconds = seconds(embeddingStarted);

  const markersStarted = performance.now();
  const markers: MarkerRow[] = [];
  if (result.k >= 2) {
    // Wilcoxon on log-normalised counts, as scanpy's rank_genes_groups after normalize_total + log1p.
    const expression = pp.log1p(pp.normalizeTotal(matrix, { targetSum: 1e4 }));
    const groups = markerGenes(expression, result.labels, { topN: MARKERS_PER_CLUSTER });
    for (const group of groups) {
      group.genes.forEach((gene, rank) =>
        markers.push({
          cluster: Number(group.group),
          rank,
          gene: matrix.geneNames[gene.gene] ?? `gene_${gene.gene}`,
          geneIndex: gene.gene,
          score: gene.score,
          logFoldChange: gene.log2FoldChange,
          pValue: gene.pValue,
          pValueAdjusted: gene.pValueAdjusted,
          fractionIn: gene.pctIn,
          fractionOut: gene.pctOut,
          meanIn: gene.meanIn,
        }),
      );
    }
  }
  const markersSeconds = seconds(markersStarted);

  const scores: ScoreRow[] = [];
  for (const [labelColumn, values] of Object.entries(outcome.scores)) {
    for (const metric of ['ARI', 'NMI', 'AMI', 'CA', 'purity'] as const) {
      scores.push({ metric, labelColumn, value: values[metric] });
    }
  }
  if (result.k >= 2 && result.k < matrix.rows) {
    scores.push({
      metric: 'silhouette',
      labelColumn: '',
      value: silhouetteScore(latent, result.labels, { sampleSize: SILHOUETTE_SAMPLE, seed: job.seed }),
    });
  }

  const outputsStarted = performance.now();
  // Every file the outputs hold, but latent.csv: the results writer stores the latent space itself (latent.f32).
  const files = (await writeClusteringOutputs(job.outputDir, matrix, outcome)).filter(
    (file) => file.kind !== 'latent',
  );

  const runOutcome: RunOutcome = {
    cells: matrix.rows,
    genes: matrix.cols,
    k: result.k,
    labels: result.labels,
    latent: result.latent,
    latentDims: result.latentDims,
    embedding: embedding.data,
    embeddingMethod: 'umap',
    scores,
    markers,
    history: result.history,
    timings: {
      ...result.timings,
      load: loadSeconds,
      embedding: embeddingSeconds,
      markers: markersSeconds,
      outputs: seconds(outputsStarted),
    },
    backend: result.backend,
    files,
  };
  post({ type: 'result', outcome: runOutcome });
}

parentPort!.on('message', (message: HostMessage) => {
  if (message.type !== 'run') return;
  train(message.job).catch((error: unknown) => {
    // Readers and option parsers throw messages meant for users (`<file>: ...`, zod issues); pass them on as is.
    const reason = error instanceof Error ? error.message : String(error);
    post({ type: 'failed', reason: reason || 'training failed without a message' });
  });
});
post({ type: 'ready' });

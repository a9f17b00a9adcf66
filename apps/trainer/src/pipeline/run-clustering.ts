// The one "load file -> run method -> score -> write outputs" path. `scsamac cluster` calls runClusteringFile; the
// trainer's thread calls the same pieces (loadDataset, runClustering) with the run's stored plain-JSON options.
import { readMatrix, writeH5ad, type CountMatrix, type LabelColumn } from '@scsamac/io';
import { clusteringScores, type ClusteringScores } from '@scsamac/metrics';
import { getMethod, type ClusterResult, type MethodHooks, type scsamac } from '@scsamac/model';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_SUBFOLDER, writeModelFolder } from './model-folder.js';

/** What to run: plain JSON, as the API stores a run's parameters. */
export interface ClusteringRequest {
  /** A registered method name (`scsamac`, `pca-kmeans`, …). */
  method: string;
  /**
   * Number of clusters: a number, `'labels'` for the number of classes of the first label column (the "true k"
   * protocol of the paper and the quality bars), or `'auto'` to let the method estimate it.
   */
  k?: number | 'labels' | 'auto';
  /** The method's own options (validated by its schema: unknown keys are an error), e.g. `{ seed: 1 }`. */
  options?: Record<string, unknown>;
}

/** Result of {@link runClustering}: the method's result, the k it was given and scores per label column. */
export interface ClusteringOutcome {
  method: string;
  /** The options the method ran with, defaults filled in. */
  options: Record<string, unknown>;
  result: ClusterResult;
  /** Scores against each label column of the matrix, by column name (empty without labels). */
  scores: Record<string, ClusteringScores>;
  /** Name of the label column scored first (the one asked for), or null. */
  primaryLabels: string | null;
  /** Wall-clock seconds of the method run. */
  seconds: number;
}

/** Reads any format @scsamac/io knows; `labels` names a label column in the file or a label file. */
export function loadDataset(file: string, labels?: string): Promise<CountMatrix> {
  return readMatrix(file, labels === undefined ? {} : { labels });
}

/** Number of distinct values of a label column, ignoring empty values. */
function classCount(column: LabelColumn): number {
  return new Set(column.values.filter((value) => value !== '')).size;
}

/**
 * Runs `request.method` on `matrix` with its options (plus `k`), then scores the labels against every label column
 * of the matrix. Progress and cancellation go through `hooks`.
 */
export async function runClustering(
  matrix: CountMatrix,
  request: ClusteringRequest,
  hooks: MethodHooks = {},
): Promise<ClusteringOutcome> {
  const method = getMethod(request.method);
  const raw: Record<string, unknown> = { ...(request.options ?? {}) };
  const kRequest = request.k ?? (matrix.labels.length > 0 ? 'labels' : 'auto');
  if (typeof kRequest === 'number') raw.k = kRequest;
  else if (kRequest === 'labels') {
    if (matrix.labels.length === 0)
      throw new Error('k = "labels" needs a label column; pass --labels or --k');
    raw.k = classCount(matrix.labels[0]);
  }
  const options = method.parseOptions(raw) as Record<string, unknown>;
  const start = performance.now();
  const result = await method.run(matrix, options, hooks);
  const seconds = (performance.now() - start) / 1000;
  return {
    method: method.name,
    options,
    result,
    scores: scoreLabels(matrix, result.labels),
    primaryLabels: matrix.labels[0]?.name ?? null,
    seconds,
  };
}

/** Scores of `labels` against every label column of `matrix`, by column name (empty without label columns). */
export function scoreLabels(matrix: CountMatrix, labels: Int32Array): Record<string, ClusteringScores> {
  const scores: Record<string, ClusteringScores> = {};
  for (const column of matrix.labels) {
    // Cells without a label (empty value) are left out of the scores.
    const keep = column.values.flatMap((value, i) => (value === '' ? [] : [i]));
    scores[column.name] = clusteringScores(
      keep.map((i) => column.values[i]),
      keep.map((i) => labels[i]),
    );
  }
  return scores;
}

/** Quotes a CSV field when it needs it. */
function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The one-line summary `scsamac cluster --json` prints last. */
export interface ClusteringSummary {
  cells: number;
  genes: number;
  k: number;
  ARI: number | null;
  NMI: number | null;
  CA: number | null;
  seconds: number;
  backend: string;
}

/** Summary of an outcome: sizes, k, the first label column's ARI/NMI/CA (null without labels), seconds, backend. */
export function summarize(matrix: CountMatrix, outcome: ClusteringOutcome): ClusteringSummary {
  const primary = outcome.primaryLabels === null ? undefined : outcome.scores[outcome.primaryLabels];
  return {
    cells: matrix.rows,
    genes: matrix.cols,
    k: outcome.result.k,
    ARI: primary?.ARI ?? null,
    NMI: primary?.NMI ?? null,
    CA: primary?.CA ?? null,
    seconds: Math.round(outcome.seconds * 100) / 100,
    backend: outcome.result.backend,
  };
}

/** The scores line the commands print: ARI, NMI, CA and the label column, or that there were no labels. */
export function scoresLine(outcome: ClusteringOutcome, summary: ClusteringSummary): string {
  return outcome.primaryLabels === null
    ? 'no labels to score against'
    : `ARI ${summary.ARI?.toFixed(4)}  NMI ${summary.NMI?.toFixed(4)}  CA ${summary.CA?.toFixed(4)} (labels: ${outcome.primaryLabels})`;
}

/** A file written into an output folder: what it is, its path inside the folder, its MIME type. */
export interface OutputFile {
  kind: string;
  fileName: string;
  contentType: string;
}

/**
 * Writes `labels.csv` (cell id, cluster), `latent.csv` (cell id, latent dimensions), `history.csv` (phase, epoch,
 * step, key, value; only with a history), `metrics.json` (scores per label column, only when there are labels) and
 * `result.h5ad` (counts, label columns, clusters in `obs['scsamac_cluster']`, latent in `obsm['X_scsamac']`) into
 * `outDir`, and for methods that train a model (the scSAMAC family) `model/` (model.json + weights.bin, see
 * model-folder.ts) for `scsamac predict`. Returns the files written, so callers need not know which were.
 */
export async function writeClusteringOutputs(
  outDir: string,
  matrix: CountMatrix,
  outcome: ClusteringOutcome,
): Promise<OutputFile[]> {
  await mkdir(outDir, { recursive: true });
  const { result } = outcome;
  const written: OutputFile[] = [];
  const write = async (file: OutputFile, text: string): Promise<void> => {
    await writeFile(path.join(outDir, file.fileName), text);
    written.push(file);
  };
  const cellIds = matrix.cellIds.map(csvField);
  await write(
    { kind: 'labels', fileName: 'labels.csv', contentType: 'text/csv' },
    ['cell_id,cluster', ...cellIds.map((id, i) => `${id},${result.labels[i]}`)].join('\n') + '\n',
  );
  const dims = result.latentDims;
  const latentLines = [['cell_id', ...Array.from({ length: dims }, (_, d) => `latent_${d}`)].join(',')];
  for (let i = 0; i < matrix.rows; i++) {
    const values = Array.from(result.latent.subarray(i * dims, (i + 1) * dims), (v) => String(v));
    latentLines.push(`${cellIds[i]},${values.join(',')}`);
  }
  await write(
    { kind: 'latent', fileName: 'latent.csv', contentType: 'text/csv' },
    latentLines.join('\n') + '\n',
  );
  // A prediction trains nothing, so it has no history.
  if (result.history.length > 0) {
    const history = result.history.map(
      (h) => `${h.phase},${h.epoch},${h.step},${csvField(h.key)},${h.value}`,
    );
    await write(
      { kind: 'history', fileName: 'history.csv', contentType: 'text/csv' },
      ['phase,epoch,step,key,value', ...history].join('\n') + '\n',
    );
  }
  if (Object.keys(outcome.scores).length > 0) {
    const metrics = {
      method: outcome.method,
      options: outcome.options,
      k: result.k,
      primaryLabels: outcome.primaryLabels,
      scores: outcome.scores,
      timings: result.timings,
      backend: result.backend,
    };
    await write(
      { kind: 'metrics', fileName: 'metrics.json', contentType: 'application/json' },
      JSON.stringify(metrics, null, 2) + '\n',
    );
  }
  await writeH5ad(path.join(outDir, 'result.h5ad'), {
    matrix,
    clusters: result.labels,
    latent: { rows: matrix.rows, cols: dims, data: result.latent },
  });
  written.push({ kind: 'h5ad', fileName: 'result.h5ad', contentType: 'application/x-hdf5' });
  const model = trainedModel(result);
  if (model) {
    const files = await writeModelFolder(path.join(outDir, MODEL_SUBFOLDER), model, matrix.geneNames, {
      method: outcome.method,
      options: outcome.options,
    });
    written.push(
      ...files.map((file) => ({ ...file, kind: 'model', fileName: `${MODEL_SUBFOLDER}/${file.fileName}` })),
    );
  }
  return written;
}

/** The trained model of a result that has one (the scSAMAC family's `model`), else null. */
function trainedModel(result: ClusterResult): scsamac.ScsamacModelState | null {
  const model = (result as Partial<scsamac.ScsamacResult>).model;
  return model?.format === 'scsamac-model/1' ? model : null;
}

/**
 * Checks the method name and its options before any data is read (with a stand-in k when k comes from the data),
 * so a typo fails in milliseconds rather than after loading a large file. Throws the method's validation error.
 */
export function validateRequest(request: ClusteringRequest): void {
  const method = getMethod(request.method);
  method.parseOptions({ ...(request.options ?? {}), k: typeof request.k === 'number' ? request.k : 2 });
}

/** Everything `scsamac cluster` does: {@link loadDataset}, {@link runClustering}, optionally the outputs. */
export async function runClusteringFile(
  file: string,
  request: ClusteringRequest & { labels?: string; outDir?: string },
  hooks: MethodHooks = {},
): Promise<{
  matrix: CountMatrix;
  outcome: ClusteringOutcome;
  summary: ClusteringSummary;
  written: string[];
}> {
  const matrix = await loadDataset(file, request.labels);
  const outcome = await runClustering(matrix, request, hooks);
  const written = request.outDir ? await writtenPaths(request.outDir, matrix, outcome) : [];
  return { matrix, outcome, summary: summarize(matrix, outcome), written };
}

/** {@link writeClusteringOutputs}, answering with the paths written (what the commands print). */
export async function writtenPaths(
  outDir: string,
  matrix: CountMatrix,
  outcome: ClusteringOutcome,
): Promise<string[]> {
  const files = await writeClusteringOutputs(outDir, matrix, outcome);
  return files.map((file) => path.join(outDir, file.fileName));
}

// `scsamac predict`: new cells through a model that `scsamac cluster --out` saved. The model's genes are found in
// the new file by name, the cells embedded and assigned to the trained clusters, scored against the file's labels
// when it has any, and written as `scsamac cluster` writes its outputs (without history or a model).
import { scsamac } from '@scsamac/model';
import { alignModel, readModelFolder } from './model-folder.js';
import {
  loadDataset,
  scoreLabels,
  summarize,
  writtenPaths,
  type ClusteringOutcome,
  type ClusteringSummary,
} from './run-clustering.js';

/** The `--json` summary of a prediction: the clustering summary plus the model genes the file lacked. */
export interface PredictionSummary extends ClusteringSummary {
  missingGenes: number;
}

/**
 * Reads the model folder `modelDir` and the count matrix `file` (any format libs/io reads; `labels` as for
 * `scsamac cluster`), predicts every cell's cluster and, with `outDir`, writes labels.csv, latent.csv, metrics.json
 * (with labels) and result.h5ad there.
 */
export async function runPredictionFile(
  modelDir: string,
  file: string,
  request: { labels?: string; outDir?: string } = {},
): Promise<{
  outcome: ClusteringOutcome;
  summary: PredictionSummary;
  missing: string[];
  modelGenes: number;
  written: string[];
}> {
  // The model first: a wrong --model fails before a large file is read.
  const saved = await readModelFolder(modelDir);
  const query = await loadDataset(file, request.labels);
  const { model, matrix, missing } = alignModel(saved, query, file);
  const start = performance.now();
  const predicted = await scsamac.predict(model, matrix);
  const seconds = (performance.now() - start) / 1000;
  const k = model.centres.shape[0];
  const outcome: ClusteringOutcome = {
    method: saved.method,
    options: saved.options,
    result: {
      labels: predicted.labels,
      k,
      latent: predicted.latent,
      latentDims: model.shape.latent,
      softAssignments: predicted.softAssignments,
      centres: scsamac.deserialise(model.centres),
      history: [],
      timings: { predict: seconds, total: seconds },
      backend: predicted.backend,
    },
    scores: scoreLabels(query, predicted.labels),
    primaryLabels: query.labels[0]?.name ?? null,
    seconds,
  };
  // Outputs describe the file as read: its own genes, not the zero columns added for missing model genes.
  const written = request.outDir ? await writtenPaths(request.outDir, query, outcome) : [];
  return {
    outcome,
    summary: { ...summarize(query, outcome), missingGenes: missing.length },
    missing,
    modelGenes: saved.geneNames.length,
    written,
  };
}

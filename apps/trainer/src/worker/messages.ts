// What the trainer (main thread) and a run's worker thread say to each other. Everything here crosses a
// `postMessage`, so it is plain data and typed arrays (which are transferred, not copied).
import type { HistoryPoint, ProgressEvent } from '@scsamac/model';
import type { OutputFile } from '../pipeline/run-clustering.js';

/** Everything a worker thread needs to train one run; sent in a `run` message. */
export interface RunJob {
  runId: string;
  attempt: number;
  methodId: string;
  /** The method's plain-JSON options as stored on the run (the method's parser fills defaults). */
  params: Record<string, unknown>;
  seed: number;
  dataset: {
    /** Local path of the dataset's file. */
    path: string;
    /** Stored format (`h5`, `h5ad`, ...), or null to detect it from the content. */
    format: string | null;
    /** Ground-truth label column chosen when the dataset was registered; scores use every label column. */
    labelColumn: string | null;
  };
  /** A folder for the pretraining checkpoint: where to save it, and whether one is there to resume from. */
  checkpoint: { dir: string; resume: boolean };
  /** A scratch folder the thread may write output files into (e.g. `result.h5ad`); the trainer stores them. */
  outputDir: string;
}

/** A score of the run's labels: `labelColumn` is empty for scores that need no truth (silhouette, seconds). */
export interface ScoreRow {
  metric: string;
  labelColumn: string;
  value: number;
}

/** One marker gene of one cluster (Wilcoxon rank-sum, cluster against the rest). */
export interface MarkerRow {
  cluster: number;
  rank: number;
  gene: string;
  geneIndex: number;
  score: number;
  logFoldChange: number;
  pValue: number;
  pValueAdjusted: number;
  fractionIn: number;
  fractionOut: number;
  meanIn: number;
}

/** A file the thread wrote into `RunJob.outputDir` (as the pipeline lists them), to be stored as an artifact. */
export type { OutputFile };

/** Everything a successful run produced; written in one transaction by the results writer. */
export interface RunOutcome {
  cells: number;
  genes: number;
  k: number;
  labels: Int32Array;
  latent: Float32Array;
  latentDims: number;
  /** cells x 2, row-major. */
  embedding: Float32Array;
  embeddingMethod: string;
  scores: ScoreRow[];
  markers: MarkerRow[];
  history: HistoryPoint[];
  /** Seconds per phase and `total`. */
  timings: Record<string, number>;
  backend: string;
  files: OutputFile[];
}

/** Messages from the trainer to its worker thread. */
export type HostMessage = { type: 'run'; job: RunJob };

/**
 * Messages from the worker thread to the trainer. A thread says `ready` once its modules are loaded (which takes
 * seconds: tfjs, h5wasm), then trains one job at a time, ending each with `result` or `failed`.
 */
export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'progress'; event: ProgressEvent }
  /** The checkpoint folder now holds the model after pretraining (files named in `files`). */
  | { type: 'checkpoint'; files: string[] }
  /** Something the trainer should log about the run, e.g. a checkpoint it could not resume from. */
  | { type: 'notice'; message: string }
  | { type: 'result'; outcome: RunOutcome }
  /** The run failed with a message meant for users (e.g. a corrupt file); the thread then exits. */
  | { type: 'failed'; reason: string };

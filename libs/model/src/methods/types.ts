import type { ZodType } from 'zod';
import type { CsrMatrix } from '../matrix.js';

/** One row of a run's loss/metric history: a value of `key` at optimiser step `step` in `phase`. */
export interface HistoryPoint {
  phase: 'pretrain' | 'cluster' | 'baseline';
  epoch: number;
  step: number;
  key: string;
  value: number;
}

/** What a method reports while it runs; `fraction` is overall progress in [0, 1]. */
export interface ProgressEvent {
  phase: 'preprocess' | 'pretrain' | 'initialise' | 'cluster' | 'baseline' | 'done';
  epoch: number;
  totalEpochs: number;
  fraction: number;
  losses: Record<string, number>;
}

/** Callbacks, cancellation and checkpointing shared by every method. */
export interface MethodHooks {
  onProgress?: (event: ProgressEvent) => void;
  /** Aborting stops the method within one epoch; it then rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * Called once when pretraining ends, by methods that pretrain (the scSAMAC family), with a plain
   * JSON-serialisable checkpoint (`JSON.stringify` keeps it whole); the method waits for the returned promise
   * before it goes on. Methods without a pretraining phase never call it.
   */
  onPretrained?: (state: unknown) => Promise<void>;
  /**
   * A checkpoint an earlier attempt got from `onPretrained` (after a JSON round trip): the method checks that it
   * belongs to the same data and options, skips pretraining and continues from it, giving the labels an
   * uninterrupted run would give. A checkpoint of other data, options or format rejects with a `ResumeStateError`
   * (`scsamac.ResumeStateError`) naming the mismatch, before any training; the caller may then run without it.
   * Methods without a pretraining phase ignore it.
   */
  resumeState?: unknown;
}

/** The one result type of every clustering method (scSAMAC, its ablations and the baselines). */
export interface ClusterResult {
  /** Cluster of each cell, 0..k-1, in input row order. */
  labels: Int32Array;
  k: number;
  /** Latent embedding used for clustering, rows x latentDims (PCA scores for the PCA baselines). */
  latent: Float32Array;
  latentDims: number;
  /** Soft assignments rows x k, when the method has them. */
  softAssignments?: Float32Array;
  /** Cluster centres k x latentDims, when the method has them. */
  centres?: Float32Array;
  history: HistoryPoint[];
  /** Wall-clock seconds per phase (e.g. preprocess, pretrain, cluster) and in total. */
  timings: Record<string, number>;
  /** The tfjs backend used (`wasm`, `tensorflow`, `cpu`), or `none` for methods without tfjs. */
  backend: string;
}

/** A clustering method: plain-JSON options in, one ClusterResult out. */
export interface ClusteringMethod<Options = Record<string, unknown>> {
  name: string;
  description: string;
  /**
   * The zod schema of the options (with a one-line `.describe()` per option), for forms and JSON Schema. Variants
   * that preset some options share one schema: their defaults are what `parseOptions({})` returns.
   */
  optionsSchema?: ZodType;
  /** Parses and completes plain-JSON options (rejecting unknown keys), filling the defaults. */
  parseOptions(options: unknown): Options;
  run(matrix: CsrMatrix, options: Options, hooks?: MethodHooks): Promise<ClusterResult>;
}

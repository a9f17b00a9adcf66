import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { datasets } from './datasets.js';
import { runStatus } from './enums.js';
import { methods } from './methods.js';
import { projects } from './projects.js';
import { users } from './users.js';

/**
 * The columns of one `startRun` request, which a run group holds and each of its runs repeats (so the queue and run
 * pages read a run alone): id, project, dataset, method, parameters, who asked and when. A function, so each table
 * gets its own column builders.
 */
const runRequestColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  projectId: uuid('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  datasetId: uuid('dataset_id')
    .notNull()
    .references(() => datasets.id, { onDelete: 'cascade' }),
  methodId: text('method_id')
    .notNull()
    .references(() => methods.id),
  /** The method's plain-JSON options as given (the trainer fills defaults when it parses them). */
  params: jsonb('params').$type<Record<string, unknown>>().notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One `startRun` request: the same method and parameters on one dataset, repeated over several seeds. */
export const runGroups = pgTable(
  'run_groups',
  {
    ...runRequestColumns(),
    seeds: integer('seeds').array().notNull(),
  },
  (table) => [index('run_groups_project_idx').on(table.projectId)],
);

/**
 * One clustering run of a method on a dataset with one seed: the work queue and the run's summary.
 *
 * Queue protocol (trainers): claim with `SELECT ... WHERE status = 'QUEUED' ORDER BY created_at FOR UPDATE SKIP
 * LOCKED LIMIT 1`, then set RUNNING, `worker`, `started_at`, `attempts + 1`, `heartbeat_at` and
 * `lease_expires_at = heartbeat_at + lease`. Renew both while training; a RUNNING run whose `lease_expires_at` has
 * passed is re-queued (or FAILED once `attempts >= max_attempts`). Cancelling a QUEUED run sets CANCELLED at once;
 * cancelling a RUNNING run sets `cancel_requested_at`, and the trainer that holds it stops and sets CANCELLED.
 */
export const runs = pgTable(
  'runs',
  {
    ...runRequestColumns(),
    runGroupId: uuid('run_group_id')
      .notNull()
      .references(() => runGroups.id, { onDelete: 'cascade' }),
    seed: integer('seed').notNull(),
    status: runStatus('status').notNull().default('QUEUED'),
    failureReason: text('failure_reason'),
    /** Overall progress in [0, 1] and the current phase (`preprocess`, `pretrain`, `cluster`, ...). */
    progress: real('progress').notNull().default(0),
    phase: text('phase'),
    worker: text('worker'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Wall-clock seconds per phase and `total`, as the method reports them. */
    timings: jsonb('timings').$type<Record<string, number>>(),
    peakMemoryBytes: bigint('peak_memory_bytes', { mode: 'number' }),
    /** The tfjs backend used (`wasm`, `tensorflow`, `cpu`) or `none`. */
    backend: text('backend'),
    /** Number of clusters the run found. */
    clusters: integer('clusters'),
  },
  (table) => [
    index('runs_queue_idx').on(table.status, table.createdAt),
    index('runs_project_idx').on(table.projectId, table.createdAt),
    index('runs_dataset_method_idx').on(table.datasetId, table.methodId),
    index('runs_group_idx').on(table.runGroupId),
  ],
);

/** Time series a run logs while it trains (loss terms per phase, learning rate, ...). */
export const metricHistory = pgTable(
  'metric_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    step: integer('step').notNull(),
    value: doublePrecision('value').notNull(),
    phase: text('phase'),
    epoch: integer('epoch'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('metric_history_run_key_step_idx').on(table.runId, table.key, table.step)],
);

/**
 * Summary scores of a finished run: `metric` (`ARI`, `NMI`, `AMI`, `CA`, `purity`, `silhouette`, `seconds`) against
 * the dataset's `label_column` (empty for scores that need no truth, such as silhouette and seconds).
 */
export const scores = pgTable(
  'scores',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    labelColumn: text('label_column').notNull().default(''),
    value: doublePrecision('value').notNull(),
  },
  (table) => [index('scores_run_idx').on(table.runId, table.metric, table.labelColumn)],
);

/**
 * Files a run produced, kept in the file storage under `storage_key`. Kinds used: `labels` (CSV cell,cluster),
 * `latent` (float32 little-endian, cells x latent_dims, row-major), `embedding` (float32, cells x 2), `h5ad`,
 * `checkpoint` (model weights after pretraining, for resuming a retried run), `markers` (CSV).
 */
export const artifacts = pgTable(
  'artifacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull().default('application/octet-stream'),
    storageKey: text('storage_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('artifacts_run_idx').on(table.runId)],
);

/**
 * Per-cell results of a successful run, in the database so the web app can draw them without reading files:
 * the cluster of each cell and the 2-D embedding of the latent space (x0, y0, x1, y1, ...). The full latent matrix
 * is an artifact (`latent`). One row per run, written in the trainer's success transaction.
 */
export const runOutputs = pgTable('run_outputs', {
  runId: uuid('run_id')
    .primaryKey()
    .references(() => runs.id, { onDelete: 'cascade' }),
  cells: integer('cells').notNull(),
  labels: integer('labels').array().notNull(),
  latentDims: integer('latent_dims').notNull(),
  embedding: real('embedding').array().notNull(),
  /** How the 2-D embedding was made (`umap`, `tsne`, `pca`). */
  embeddingMethod: text('embedding_method').notNull(),
});

/** Wilcoxon rank-sum marker genes per cluster (the top 20 each), for dot plots, heatmaps and violins. */
export const markers = pgTable(
  'markers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    cluster: integer('cluster').notNull(),
    rank: integer('rank').notNull(),
    gene: text('gene').notNull(),
    geneIndex: integer('gene_index').notNull(),
    score: doublePrecision('score').notNull(),
    logFoldChange: doublePrecision('log_fold_change').notNull(),
    pValue: doublePrecision('p_value').notNull(),
    pValueAdjusted: doublePrecision('p_value_adjusted').notNull(),
    /** Fraction of cells expressing the gene inside and outside the cluster (dot plot sizes). */
    fractionIn: real('fraction_in').notNull(),
    fractionOut: real('fraction_out').notNull(),
    /** Mean log-normalised expression inside the cluster (dot plot colour). */
    meanIn: real('mean_in').notNull(),
  },
  (table) => [index('markers_run_idx').on(table.runId, table.cluster, table.rank)],
);

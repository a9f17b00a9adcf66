import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects.js';
import { users } from './users.js';

/** A label column found in an uploaded matrix (an obs column or the h5 `Y` array) and how many classes it has. */
export interface LabelColumnSummary {
  name: string;
  classes: number;
}

/** A histogram with equal-width bins: `edges` has one more entry than `counts`. */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** Per-cell quality-control histograms computed when a file is validated. */
export interface QualityControl {
  /** Total counts per cell. */
  countsPerCell: Histogram;
  /** Number of genes with a non-zero count per cell. */
  genesPerCell: Histogram;
}

/**
 * A file received by `POST /uploads`, stored and validated, waiting to be registered as a dataset (or already
 * registered: `datasetId` is then set). The summary fields are null while validation has not run.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    format: text('format'),
    cells: integer('cells'),
    genes: integer('genes'),
    nonZeros: bigint('non_zeros', { mode: 'number' }),
    labelColumns: jsonb('label_columns').$type<LabelColumnSummary[]>(),
    qualityControl: jsonb('quality_control').$type<QualityControl>(),
    datasetId: uuid('dataset_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('uploads_project_idx').on(table.projectId)],
);

/**
 * A registered count matrix in a project. `storageKey` names its file in the file storage. `labelColumn` is the
 * ground truth used for the leaderboard; `reportedAs` names the paper's dataset it is (e.g. `CITE_CBMC`), which
 * matches it to rows of `reported_results`.
 */
export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    format: text('format').notNull(),
    cells: integer('cells').notNull(),
    genes: integer('genes').notNull(),
    nonZeros: bigint('non_zeros', { mode: 'number' }).notNull(),
    labelColumns: jsonb('label_columns').$type<LabelColumnSummary[]>().notNull(),
    labelColumn: text('label_column'),
    qualityControl: jsonb('quality_control').$type<QualityControl>(),
    reportedAs: text('reported_as'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('datasets_project_idx').on(table.projectId, table.createdAt),
    index('datasets_reported_as_idx').on(table.reportedAs),
  ],
);

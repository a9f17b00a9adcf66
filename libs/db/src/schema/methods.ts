import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { methodKind } from './enums.js';

/**
 * Clustering methods. `id` is the name the trainer and the CLI use (`scsamac`, `pca-kmeans`, ...). `reportedName`
 * is how the paper's tables spell it (`scSAMAC(NB)`), linking reported results to our runs of the same method.
 * `runnable` is false for methods known only from publications.
 */
export const methods = pgTable('methods', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  kind: methodKind('kind').notNull(),
  description: text('description').notNull(),
  reportedName: text('reported_name').unique(),
  runnable: boolean('runnable').notNull(),
  /** Default parameters shown by the web form; the trainer's option parser stays the authority. */
  defaultParams: jsonb('default_params').$type<Record<string, unknown>>().notNull().default({}),
  sortOrder: integer('sort_order').notNull().default(0),
});

/**
 * Published numbers: the paper's Tables 2-5 (`seed/paper_results.tsv`), one row per dataset, method and metric
 * (`ARI`, `NMI`, `CA`, `seconds`). `dataset` is the paper's dataset name; `methodId` links to `methods`.
 */
export const reportedResults = pgTable(
  'reported_results',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    dataset: text('dataset').notNull(),
    methodId: text('method_id')
      .notNull()
      .references(() => methods.id),
    metric: text('metric').notNull(),
    value: doublePrecision('value').notNull(),
    source: text('source').notNull(),
  },
  (table) => [
    unique('reported_results_key').on(table.dataset, table.methodId, table.metric, table.source),
    index('reported_results_dataset_idx').on(table.dataset),
  ],
);

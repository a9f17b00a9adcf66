import { artifacts, datasets, runs, uploads } from '@scsamac/db';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleDataset, visibleUpload } from '../../access.js';
import { clearCache } from '../../cache.js';
import type { ApiContext } from '../../context.js';
import { badInput } from '../../errors.js';
import type { DatasetRow, UploadRow } from '../../loaders.js';
import { deleteFiles } from '../projects/resolvers.js';
import { parseInput } from '../users/resolvers.js';
import { reportedDatasets } from '../methods/resolvers.js';
import { geneExpression, loadDatasetMatrix } from './matrix-cache.js';

const registerInput = z.object({
  uploadId: z.string(),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().trim().max(2000).nullish(),
  labelColumn: z.string().nullish(),
  reportedAs: z.string().trim().nullish(),
});

/** Relative URL that streams a dataset's stored file. */
export function datasetFileUrl(id: string): string {
  return `/datasets/${id}/file`;
}

/** Datasets and uploads. */
export const datasetsResolvers = {
  Query: {
    dataset: (_parent: unknown, args: { id: string }, context: ApiContext) =>
      visibleDataset(context, args.id),
    upload: (_parent: unknown, args: { id: string }, context: ApiContext) => visibleUpload(context, args.id),
  },
  Dataset: {
    project: (dataset: DatasetRow, _args: unknown, context: ApiContext) =>
      context.loaders.project.load(dataset.projectId),
    createdBy: (dataset: DatasetRow, _args: unknown, context: ApiContext) =>
      dataset.createdBy ? context.loaders.user.load(dataset.createdBy) : null,
    downloadUrl: (dataset: DatasetRow) => datasetFileUrl(dataset.id),
    runCount: (dataset: DatasetRow, _args: unknown, context: ApiContext) =>
      context.loaders.runCountOfDataset.load(dataset.id),
    // The parent dataset was resolved through the access checks, so these per-cell views need none of their own.
    cellLabels: async (dataset: DatasetRow, args: { column?: string | null }, context: ApiContext) => {
      const column = args.column ?? dataset.labelColumn;
      if (!column) return null;
      if (!dataset.labelColumns.some((known) => known.name === column))
        throw badInput(`the dataset has no label column ${column}`, 'column');
      const { matrix } = await loadDatasetMatrix(context.storage, dataset);
      return matrix.labels.find((labels) => labels.name === column)?.values ?? null;
    },
    expression: async (dataset: DatasetRow, args: { gene: string }, context: ApiContext) =>
      geneExpression(await loadDatasetMatrix(context.storage, dataset), args.gene),
  },
  Upload: {
    labelColumns: (upload: UploadRow) => upload.labelColumns ?? [],
    dataset: (upload: UploadRow, _args: unknown, context: ApiContext) =>
      upload.datasetId ? context.loaders.dataset.load(upload.datasetId) : null,
  },
  Mutation: {
    registerDataset: async (_parent: unknown, args: { input: unknown }, context: ApiContext) => {
      const input = parseInput(registerInput, args.input);
      const upload = await visibleUpload(context, input.uploadId, 'EDITOR');
      if (upload.datasetId) throw badInput('this upload is already registered as a dataset', 'uploadId');
      if (!upload.format || upload.cells == null || upload.genes == null || upload.nonZeros == null) {
        throw badInput('this upload was not validated as a count matrix', 'uploadId');
      }
      const labelColumns = upload.labelColumns ?? [];
      const labelColumn = input.labelColumn ?? labelColumns[0]?.name ?? null;
      if (labelColumn !== null && !labelColumns.some((column) => column.name === labelColumn)) {
        throw badInput(
          `the file has no label column ${labelColumn} (it has: ${labelColumns.map((c) => c.name).join(', ') || 'none'})`,
          'labelColumn',
        );
      }
      const reportedAs = input.reportedAs || null;
      if (reportedAs && !(await reportedDatasets(context)).includes(reportedAs)) {
        throw badInput(`${reportedAs} is not a dataset of the paper (see benchmarks)`, 'reportedAs');
      }
      const registered = await context.db.transaction(async (tx) => {
        const [dataset] = await tx
          .insert(datasets)
          .values({
            projectId: upload.projectId,
            name: input.name,
            description: input.description ?? '',
            fileName: upload.fileName,
            storageKey: upload.storageKey,
            sizeBytes: upload.sizeBytes,
            sha256: upload.sha256,
            format: upload.format!,
            cells: upload.cells!,
            genes: upload.genes!,
            nonZeros: upload.nonZeros!,
            labelColumns,
            labelColumn,
            qualityControl: upload.qualityControl,
            reportedAs,
            createdBy: context.viewer!.id,
          })
          .returning();
        // The condition makes a concurrent second registration of the same upload fail instead of duplicating it.
        const claimed = await tx
          .update(uploads)
          .set({ datasetId: dataset!.id })
          .where(and(eq(uploads.id, upload.id), sql`${uploads.datasetId} is null`))
          .returning({ id: uploads.id });
        if (claimed.length === 0)
          throw badInput('this upload is already registered as a dataset', 'uploadId');
        return dataset!;
      });
      // A leaderboard by benchmark name caches which datasets it covers (schema/leaderboard/resolvers.ts).
      clearCache(context.db);
      return registered;
    },
    deleteDataset: async (_parent: unknown, args: { id: string }, context: ApiContext) => {
      const dataset = await visibleDataset(context, args.id, 'EDITOR');
      const [running] = await context.db
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.datasetId, dataset.id), eq(runs.status, 'RUNNING')))
        .limit(1);
      if (running) throw badInput('runs on this dataset are running; cancel them first', 'id');
      const files = await context.db
        .select({ key: artifacts.storageKey })
        .from(artifacts)
        .innerJoin(runs, eq(runs.id, artifacts.runId))
        .where(eq(runs.datasetId, dataset.id));
      await context.db.transaction(async (tx) => {
        await tx.delete(uploads).where(eq(uploads.datasetId, dataset.id));
        await tx.delete(datasets).where(eq(datasets.id, dataset.id));
      });
      clearCache(context.db);
      await deleteFiles(context, [dataset.storageKey, ...files.map((file) => file.key)]);
      return dataset.id;
    },
  },
};

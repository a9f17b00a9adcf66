import { artifacts, markers, metricHistory, runGroups, runs } from '@scsamac/db';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleDataset, visibleRun, visibleRunGroup } from '../../access.js';
import { clearCache } from '../../cache.js';
import type { ApiContext } from '../../context.js';
import { badInput } from '../../errors.js';
import type { ArtifactRow, RunGroupRow, RunRow } from '../../loaders.js';
import { artifactsOf, datasetOf, scoresOf } from '../../shared-rows.js';
import { deleteFiles } from '../projects/resolvers.js';
import { parseInput } from '../users/resolvers.js';
import { downsample } from './downsample.js';
import { validateParams } from '../methods/params.js';

const startRunInput = z.object({
  datasetId: z.string(),
  methodId: z.string(),
  params: z
    .record(z.string(), z.unknown())
    .nullish()
    .refine((params) => JSON.stringify(params ?? {}).length <= 64 * 1024, 'must be under 64 KiB of JSON'),
  seeds: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1),
    )
    .min(1, 'must list at least one seed')
    .max(20, 'may list at most 20 seeds')
    .refine((seeds) => new Set(seeds).size === seeds.length, 'must not repeat a seed')
    .nullish(),
});

/** Relative download URL of an artifact. */
export function artifactUrl(id: string): string {
  return `/artifacts/${id}`;
}

/** Runs, run groups and comparisons. */
export const runsResolvers = {
  Query: {
    run: (_parent: unknown, args: { id: string }, context: ApiContext) => visibleRun(context, args.id),
    runGroup: (_parent: unknown, args: { id: string }, context: ApiContext) =>
      visibleRunGroup(context, args.id),
    compareRuns: async (_parent: unknown, args: { ids: string[] }, context: ApiContext) => {
      if (args.ids.length < 2 || args.ids.length > 20) throw badInput('compare 2 to 20 runs', 'ids');
      const list = await Promise.all(args.ids.map((id) => visibleRun(context, id)));
      const names = [...new Set(list.flatMap((run) => Object.keys(run.params)))].sort();
      const parameters = names.map((name) => {
        const values = list.map((run) => (name in run.params ? run.params[name] : null));
        const differs = new Set(values.map((value) => JSON.stringify(value))).size > 1;
        return { name, values, differs };
      });
      const scoreLists = await Promise.all(list.map((run) => scoresOf(context, run)));
      const keyed = scoreLists.map(
        (scores) => new Map(scores.map((s) => [`${s.metric}\u0000${s.labelColumn}`, s])),
      );
      const keys = [...new Set(keyed.flatMap((map) => [...map.keys()]))].sort();
      const scores = keys.map((key) => {
        const [metric, labelColumn] = key.split('\u0000') as [string, string];
        return { metric, labelColumn, values: keyed.map((map) => map.get(key)?.value ?? null) };
      });
      return { runs: list, parameters, scores };
    },
  },
  RunGroup: {
    method: (group: RunGroupRow, _args: unknown, context: ApiContext) =>
      context.loaders.method.load(group.methodId),
    dataset: (group: RunGroupRow, _args: unknown, context: ApiContext) => datasetOf(context, group.datasetId),
    runs: (group: RunGroupRow, _args: unknown, context: ApiContext) =>
      context.loaders.runsOfGroup.load(group.id),
  },
  Run: {
    project: (run: RunRow, _args: unknown, context: ApiContext) =>
      context.loaders.project.load(run.projectId),
    dataset: (run: RunRow, _args: unknown, context: ApiContext) => datasetOf(context, run.datasetId),
    method: (run: RunRow, _args: unknown, context: ApiContext) => context.loaders.method.load(run.methodId),
    runGroup: (run: RunRow, _args: unknown, context: ApiContext) =>
      context.loaders.runGroup.load(run.runGroupId),
    createdBy: (run: RunRow, _args: unknown, context: ApiContext) =>
      run.createdBy ? context.loaders.user.load(run.createdBy) : null,
    cancelRequested: (run: RunRow) => run.cancelRequestedAt !== null && run.status === 'RUNNING',
    durationSeconds: (run: RunRow) => {
      if (!run.startedAt) return null;
      const end = run.finishedAt ?? new Date();
      return (end.getTime() - run.startedAt.getTime()) / 1000;
    },
    metricKeys: async (run: RunRow, _args: unknown, context: ApiContext) => {
      const rows = await context.db
        .selectDistinct({ key: metricHistory.key })
        .from(metricHistory)
        .where(eq(metricHistory.runId, run.id))
        .orderBy(asc(metricHistory.key));
      return rows.map((row) => row.key);
    },
    metricHistory: async (
      run: RunRow,
      args: { keys?: string[] | null; samples?: number | null },
      context: ApiContext,
    ) => {
      const samples = args.samples ?? 500;
      if (!Number.isInteger(samples) || samples < 1 || samples > 5000) {
        throw badInput('samples must be between 1 and 5000', 'samples');
      }
      const conditions = [eq(metricHistory.runId, run.id)];
      if (args.keys) conditions.push(inArray(metricHistory.key, args.keys.length ? args.keys : ['']));
      const rows = await context.db
        .select({
          key: metricHistory.key,
          step: metricHistory.step,
          value: metricHistory.value,
          phase: metricHistory.phase,
          epoch: metricHistory.epoch,
        })
        .from(metricHistory)
        .where(and(...conditions))
        .orderBy(asc(metricHistory.key), asc(metricHistory.step), asc(metricHistory.id));
      const series = new Map<string, typeof rows>();
      for (const row of rows) {
        const list = series.get(row.key);
        if (list) list.push(row);
        else series.set(row.key, [row]);
      }
      return [...series].map(([key, points]) => ({
        key,
        totalPoints: points.length,
        points: downsample(points, samples),
      }));
    },
    scores: (run: RunRow, _args: unknown, context: ApiContext) => scoresOf(context, run),
    score: async (
      run: RunRow,
      args: { metric: string; labelColumn?: string | null },
      context: ApiContext,
    ) => {
      const [scores, dataset] = await Promise.all([
        scoresOf(context, run),
        datasetOf(context, run.datasetId),
      ]);
      const metric = args.metric.toLowerCase();
      const column = args.labelColumn ?? dataset?.labelColumn ?? '';
      const match =
        scores.find((s) => s.metric.toLowerCase() === metric && s.labelColumn === column) ??
        scores.find((s) => s.metric.toLowerCase() === metric && s.labelColumn === '');
      return match?.value ?? null;
    },
    artifacts: (run: RunRow, _args: unknown, context: ApiContext) => artifactsOf(context, run),
    labels: async (run: RunRow, _args: unknown, context: ApiContext) =>
      (await context.loaders.runOutput.load(run.id))?.labels ?? null,
    embedding: async (run: RunRow, _args: unknown, context: ApiContext) => {
      const output = await context.loaders.runOutput.load(run.id);
      return output
        ? { method: output.embeddingMethod, cells: output.cells, coordinates: output.embedding }
        : null;
    },
    markers: async (
      run: RunRow,
      args: { cluster?: number | null; top?: number | null },
      context: ApiContext,
    ) => {
      const top = args.top ?? 20;
      if (!Number.isInteger(top) || top < 1 || top > 100)
        throw badInput('top must be between 1 and 100', 'top');
      const conditions = [eq(markers.runId, run.id), lte(markers.rank, top)];
      if (args.cluster != null) conditions.push(eq(markers.cluster, args.cluster));
      return context.db
        .select()
        .from(markers)
        .where(and(...conditions))
        .orderBy(asc(markers.cluster), asc(markers.rank));
    },
  },
  Artifact: {
    downloadUrl: (artifact: ArtifactRow) => artifactUrl(artifact.id),
  },
  Mutation: {
    startRun: async (_parent: unknown, args: { input: unknown }, context: ApiContext) => {
      const input = parseInput(startRunInput, args.input);
      const dataset = await visibleDataset(context, input.datasetId, 'EDITOR');
      const method = await context.loaders.method.load(input.methodId);
      if (!method) throw badInput(`unknown method ${input.methodId}`, 'methodId');
      if (!method.runnable)
        throw badInput(`${method.displayName} is known from publications only`, 'methodId');
      const params = input.params ?? {};
      validateParams(method.id, params);
      const seeds = input.seeds ?? [1];
      return context.db.transaction(async (tx) => {
        const [group] = await tx
          .insert(runGroups)
          .values({
            projectId: dataset.projectId,
            datasetId: dataset.id,
            methodId: method.id,
            params,
            seeds,
            createdBy: context.viewer!.id,
          })
          .returning();
        await tx.insert(runs).values(
          seeds.map((seed) => ({
            projectId: dataset.projectId,
            datasetId: dataset.id,
            methodId: method.id,
            runGroupId: group!.id,
            params,
            seed,
            createdBy: context.viewer!.id,
          })),
        );
        return group!;
      });
    },
    cancelRun: async (_parent: unknown, args: { id: string }, context: ApiContext) => {
      await visibleRun(context, args.id, 'EDITOR');
      const reason = `cancelled by ${context.viewer!.displayName}`;
      // A queued run has no trainer: cancel it outright. A running one is asked to stop by its trainer.
      const [queued] = await context.db
        .update(runs)
        .set({ status: 'CANCELLED', finishedAt: new Date(), failureReason: reason })
        .where(and(eq(runs.id, args.id), eq(runs.status, 'QUEUED')))
        .returning();
      if (queued) return queued;
      const [running] = await context.db
        .update(runs)
        .set({ cancelRequestedAt: sql`coalesce(${runs.cancelRequestedAt}, now())` })
        .where(and(eq(runs.id, args.id), eq(runs.status, 'RUNNING')))
        .returning();
      if (running) return running;
      throw badInput('the run has already finished', 'id');
    },
    deleteRun: async (_parent: unknown, args: { id: string }, context: ApiContext) => {
      await visibleRun(context, args.id, 'EDITOR');
      const files = await context.db
        .select({ key: artifacts.storageKey })
        .from(artifacts)
        .where(eq(artifacts.runId, args.id));
      const [deleted] = await context.db
        .delete(runs)
        .where(and(eq(runs.id, args.id), sql`${runs.status} <> 'RUNNING'`))
        .returning({ id: runs.id });
      if (!deleted) throw badInput('the run is running; cancel it first', 'id');
      clearCache(context.db);
      await deleteFiles(
        context,
        files.map((file) => file.key),
      );
      return args.id;
    },
  },
};

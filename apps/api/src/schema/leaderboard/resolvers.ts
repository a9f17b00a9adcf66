import { datasets, projectMembers, reportedResults, runs, scores } from '@scsamac/db';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { requireViewer, visibleDataset } from '../../access.js';
import type { ApiContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { isUuid } from '../../ids.js';
import type { MethodRow, RunRow } from '../../loaders.js';
import { reportedDatasets } from '../methods/resolvers.js';
import { lowerIsBetter, meanAndSd, rankByMean } from './rank.js';

export interface LeaderboardArgs {
  dataset: string;
  metric?: string | null;
  includeReported?: boolean | null;
  includeBaselines?: boolean | null;
}

export interface EntryDraft {
  method: MethodRow;
  reported: boolean;
  source: string | null;
  mean: number;
  sd: number | null;
  n: number;
  values: number[];
  metrics: { metric: string; mean: number; sd: number | null; n: number }[];
  runs: RunRow[];
}

/** Summaries of every metric in `byMetric` (metric -> values), sorted by metric name. */
function summaries(byMetric: Map<string, number[]>) {
  return [...byMetric]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([metric, values]) => ({ metric, ...meanAndSd(values), n: values.length }));
}

/** Which datasets a leaderboard covers: one visible dataset, or every visible dataset reported as a benchmark. */
async function scopeOf(context: ApiContext, name: string) {
  if (isUuid(name)) {
    const dataset = await visibleDataset(context, name);
    return { benchmark: dataset.reportedAs, datasetIds: [dataset.id] };
  }
  const viewer = requireViewer(context);
  const rows = await context.db
    .select({ id: datasets.id })
    .from(datasets)
    .innerJoin(projectMembers, eq(projectMembers.projectId, datasets.projectId))
    .where(and(eq(datasets.reportedAs, name), eq(projectMembers.userId, viewer.id)));
  if (rows.length === 0 && !(await reportedDatasets(context)).includes(name)) throw notFound('dataset');
  return { benchmark: name, datasetIds: rows.map((row) => row.id) };
}

/** The leaderboard. */
export const leaderboardResolvers = {
  Query: {
    leaderboard: async (_parent: unknown, args: LeaderboardArgs, context: ApiContext) => {
      const metric = args.metric ?? 'ARI';
      const metricKey = metric.toLowerCase();
      const { benchmark, datasetIds } = await scopeOf(context, args.dataset);
      const keep = (method: MethodRow | null): method is MethodRow =>
        method !== null && (args.includeBaselines !== false || method.kind !== 'BASELINE');

      // Successful and failed runs with every score against their dataset's truth column (or needing none).
      const runRows = datasetIds.length
        ? await context.db
            .select()
            .from(runs)
            .where(and(inArray(runs.datasetId, datasetIds), inArray(runs.status, ['SUCCEEDED', 'FAILED'])))
            .orderBy(desc(runs.createdAt))
        : [];
      const succeeded = runRows.filter((run) => run.status === 'SUCCEEDED');
      const scoreRows = succeeded.length
        ? await context.db
            .select({ runId: scores.runId, metric: scores.metric, value: scores.value })
            .from(scores)
            .innerJoin(runs, eq(runs.id, scores.runId))
            .innerJoin(datasets, eq(datasets.id, runs.datasetId))
            .where(
              and(
                inArray(runs.datasetId, datasetIds),
                eq(runs.status, 'SUCCEEDED'),
                or(
                  eq(scores.labelColumn, ''),
                  eq(scores.labelColumn, sql`coalesce(${datasets.labelColumn}, '')`),
                ),
              ),
            )
        : [];
      const scoresByRun = new Map<string, Map<string, number>>();
      for (const row of scoreRows) {
        const map = scoresByRun.get(row.runId) ?? new Map<string, number>();
        map.set(row.metric, row.value);
        scoresByRun.set(row.runId, map);
      }

      const drafts: EntryDraft[] = [];
      const runsByMethod = new Map<string, RunRow[]>();
      for (const run of succeeded) {
        const list = runsByMethod.get(run.methodId) ?? [];
        list.push(run);
        runsByMethod.set(run.methodId, list);
      }
      for (const [methodId, list] of runsByMethod) {
        const method = await context.loaders.method.load(methodId);
        if (!keep(method)) continue;
        list.sort((a, b) => a.seed - b.seed);
        const byMetric = new Map<string, number[]>();
        const ranked: RunRow[] = [];
        const values: number[] = [];
        for (const run of list) {
          for (const [name, value] of scoresByRun.get(run.id) ?? []) {
            byMetric.set(name, [...(byMetric.get(name) ?? []), value]);
            if (name.toLowerCase() === metricKey) {
              values.push(value);
              ranked.push(run);
            }
          }
        }
        if (values.length === 0) continue;
        drafts.push({
          method,
          reported: false,
          source: null,
          ...meanAndSd(values),
          n: values.length,
          values,
          metrics: summaries(byMetric),
          runs: ranked,
        });
      }

      if (benchmark && args.includeReported !== false) {
        const reported = await context.db
          .select()
          .from(reportedResults)
          .where(eq(reportedResults.dataset, benchmark));
        const byMethod = new Map<string, typeof reported>();
        for (const row of reported) byMethod.set(row.methodId, [...(byMethod.get(row.methodId) ?? []), row]);
        for (const [methodId, rows] of byMethod) {
          const method = await context.loaders.method.load(methodId);
          const ranking = rows.find((row) => row.metric.toLowerCase() === metricKey);
          if (!keep(method) || !ranking) continue;
          drafts.push({
            method,
            reported: true,
            source: ranking.source,
            mean: ranking.value,
            sd: null,
            n: 1,
            values: [ranking.value],
            metrics: summaries(new Map(rows.map((row) => [row.metric, [row.value]]))),
            runs: [],
          });
        }
      }

      const failedRuns = [];
      for (const run of runRows.filter((row) => row.status === 'FAILED').slice(0, 50)) {
        const method = await context.loaders.method.load(run.methodId);
        if (!keep(method)) continue;
        failedRuns.push({ run, method, reason: run.failureReason ?? 'no reason recorded' });
      }
      return {
        dataset: args.dataset,
        benchmark,
        metric,
        entries: rankByMean(drafts, lowerIsBetter(metric)),
        failedRuns,
      };
    },
  },
};

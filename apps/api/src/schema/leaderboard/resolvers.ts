import { datasets, projectMembers, reportedResults, runs, scores } from '@scsamac/db';
import { and, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { requireViewer, visibleDataset } from '../../access.js';
import { cached } from '../../cache.js';
import type { ApiContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { isUuid } from '../../ids.js';
import { roleTtlMs, type MethodRow, type RunRow } from '../../loaders.js';
import { reportedDatasets } from '../methods/resolvers.js';
import { lowerIsBetter, meanAndSd, rankByMean } from './rank.js';

/**
 * How often a board asks whether its runs changed ({@link changeMarker}), in milliseconds: a finished run shows up
 * at most this late.
 */
export const boardTtlMs = 2000;
/** How long a board's aggregates are kept while its marker stays the same (they only bound the memory taken). */
const boardRowsTtlMs = 60_000;

/**
 * What changes whenever the runs behind a board do, read in one cheap statement (no scores): how many of the
 * scope's runs have SUCCEEDED or FAILED, and when the last one finished. A trainer, in any process, marks a run
 * SUCCEEDED with its scores in one transaction, and nothing changes a finished run afterwards (a trainer's every
 * write names a RUNNING run); so a new result or failure raises the count, and a run deleted behind this process's
 * back (deletions through this API clear its caches) lowers it or, with a new result at once, moves the time.
 */
function changeMarker(context: ApiContext, datasetIds: string[]): Promise<string> {
  return context.db
    .select({ finished: count(), last: sql<string | null>`max(${runs.finishedAt})::text` })
    .from(runs)
    .where(and(inArray(runs.datasetId, datasetIds), inArray(runs.status, ['SUCCEEDED', 'FAILED'])))
    .then(([row]) => `${row?.finished ?? 0}/${row?.last ?? ''}`);
}

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
  /** The runs behind the row, loaded only when asked for. */
  runs: () => Promise<RunRow[]>;
}

function isRun(row: RunRow | null | Error): row is RunRow {
  return row !== null && !(row instanceof Error);
}

/** Summaries of every metric in `byMetric` (metric -> values), sorted by metric name. */
function summaries(byMetric: Map<string, number[]>) {
  return [...byMetric]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([metric, values]) => ({ metric, ...meanAndSd(values), n: values.length }));
}

/** One metric of one method over the runs of a scope: its values and runs in seed order, and their summary. */
interface MetricOfRuns {
  values: number[];
  runIds: string[];
  mean: number;
  sd: number | null;
}

/** What a scope's runs say about each method: every metric's values, by lower-cased metric name. */
interface MethodOfRuns {
  methodId: string;
  byMetric: Map<string, MetricOfRuns>;
  metrics: ReturnType<typeof summaries>;
}

/** Groups the aggregate rows (method, metric, values, run ids) by method and summarises them once. */
function methodsOfRuns(rows: { methodId: string; metric: string; values: number[]; runIds: string[] }[]) {
  const byMethod = new Map<string, typeof rows>();
  for (const row of rows) byMethod.set(row.methodId, [...(byMethod.get(row.methodId) ?? []), row]);
  return [...byMethod].map(([methodId, list]): MethodOfRuns => {
    const values = new Map(list.map((row) => [row.metric, row.values.map(Number)]));
    const byMetric = new Map(
      list.map((row) => {
        const numbers = values.get(row.metric)!;
        return [row.metric.toLowerCase(), { values: numbers, runIds: row.runIds, ...meanAndSd(numbers) }];
      }),
    );
    return { methodId, byMetric, metrics: summaries(values) };
  });
}

/** Which datasets a leaderboard covers: one visible dataset, or every visible dataset reported as a benchmark. */
async function scopeOf(context: ApiContext, name: string) {
  if (isUuid(name)) {
    const dataset = await visibleDataset(context, name);
    return { benchmark: dataset.reportedAs, datasetIds: [dataset.id] };
  }
  const viewer = requireViewer(context);
  // Which of the viewer's datasets are reported as `name` only changes with a membership or a dataset registered
  // or deleted, all of which clear the caches (`clearCache`); kept as long as the viewer's roles (roleTtlMs).
  const rows = await cached(context.db, `benchmark-datasets:${viewer.id}:${name}`, roleTtlMs, () =>
    context.db
      .select({ id: datasets.id })
      .from(datasets)
      .innerJoin(projectMembers, eq(projectMembers.projectId, datasets.projectId))
      .where(and(eq(datasets.reportedAs, name), eq(projectMembers.userId, viewer.id))),
  );
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

      // One row per method and metric with the values of every successful run in seed order, aggregated by the
      // database: a board over 1,000 runs moves a few dozen rows, not thousands of scores. Summarised and kept
      // until the scope's change marker moves (asked at most every 2 s: a new run may show up to 2 s late), since
      // many clients poll the same board and the aggregate costs a PGlite process tens of milliseconds.
      const scopeKey = [...datasetIds].sort().join(',');
      const version = datasetIds.length
        ? `${scopeKey}@${await cached(context.db, `leaderboard-marker:${scopeKey}`, boardTtlMs, () =>
            changeMarker(context, datasetIds),
          )}`
        : '';
      const ofRuns = datasetIds.length
        ? await cached(context.db, `leaderboard-scores:${version}`, boardRowsTtlMs, async () =>
            methodsOfRuns(
              await context.db
                .select({
                  methodId: runs.methodId,
                  metric: scores.metric,
                  values: sql<number[]>`array_agg(${scores.value} order by ${runs.seed}, ${runs.createdAt})`,
                  runIds: sql<string[]>`array_agg(${runs.id} order by ${runs.seed}, ${runs.createdAt})`,
                })
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
                .groupBy(runs.methodId, scores.metric),
            ),
          )
        : [];

      const drafts: EntryDraft[] = [];
      for (const { methodId, byMetric, metrics } of ofRuns) {
        const method = await context.loaders.method.load(methodId);
        const ranking = byMetric.get(metricKey);
        if (!keep(method) || !ranking) continue;
        drafts.push({
          method,
          reported: false,
          source: null,
          mean: ranking.mean,
          sd: ranking.sd,
          n: ranking.values.length,
          values: ranking.values,
          metrics,
          // Loaded only when a client asks for the runs behind a row.
          runs: async () => (await context.loaders.run.loadMany(ranking.runIds)).filter(isRun),
        });
      }

      if (benchmark && args.includeReported !== false) {
        // Reference data: it only changes with a migration.
        const reported = await cached(context.db, `reported:${benchmark}`, 10 * 60_000, () =>
          context.db.select().from(reportedResults).where(eq(reportedResults.dataset, benchmark)),
        );
        const reportedByMethod = new Map<string, typeof reported>();
        for (const row of reported) {
          reportedByMethod.set(row.methodId, [...(reportedByMethod.get(row.methodId) ?? []), row]);
        }
        for (const [methodId, rows] of reportedByMethod) {
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
            runs: async () => [],
          });
        }
      }

      const failed = datasetIds.length
        ? await cached(context.db, `leaderboard-failed:${version}`, boardRowsTtlMs, () =>
            context.db
              .select()
              .from(runs)
              .where(and(inArray(runs.datasetId, datasetIds), eq(runs.status, 'FAILED')))
              .orderBy(desc(runs.finishedAt), desc(runs.createdAt))
              .limit(50),
          )
        : [];
      const failedRuns = [];
      for (const run of failed) {
        context.loaders.run.prime(run.id, run);
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

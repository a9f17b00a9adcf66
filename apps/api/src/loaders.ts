import {
  artifacts,
  datasets,
  methods,
  projectMembers,
  projects,
  runGroups,
  runOutputs,
  runs,
  scores,
  uploads,
  users,
  type Database,
} from '@scsamac/db';
import DataLoader from 'dataloader';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { cacheEpoch, cached, remember } from './cache.js';

/** Row types as selected from the database. */
export type ProjectRow = typeof projects.$inferSelect;
export type DatasetRow = typeof datasets.$inferSelect;
export type RunRow = typeof runs.$inferSelect;
export type RunGroupRow = typeof runGroups.$inferSelect;
export type MethodRow = typeof methods.$inferSelect;
export type UserRow = Pick<typeof users.$inferSelect, 'id' | 'email' | 'displayName'>;
export type UploadRow = typeof uploads.$inferSelect;
export type ScoreRow = typeof scores.$inferSelect;
export type ArtifactRow = typeof artifacts.$inferSelect;
export type RunOutputRow = typeof runOutputs.$inferSelect;
export type MemberRow = {
  projectId: string;
  role: 'OWNER' | 'EDITOR' | 'VIEWER';
  addedAt: Date;
  user: UserRow;
};
export type RunStatusName = RunRow['status'];
type Role = MemberRow['role'];

/** How long this process reuses the methods table: reference data that only `migrate()` changes, at start. */
const methodsTtlMs = 10 * 60_000;

/** Every method in display order, read from the database at most once per {@link methodsTtlMs}. */
export function allMethods(db: Database): Promise<MethodRow[]> {
  return cached(db, 'methods', methodsTtlMs, () => db.select().from(methods).orderBy(asc(methods.sortOrder)));
}

/**
 * How long this process reuses a viewer's role in a project. Every change of membership through this API (adding,
 * re-roling or removing a member, deleting a project) clears the process's caches (`clearCache`) once written, so
 * it applies at once; one made elsewhere (another API process sharing a PostgreSQL server) within this time.
 */
export const roleTtlMs = 5000;

function roleKey(viewerId: string, projectId: string): string {
  return `role:${viewerId}:${projectId}`;
}

/** A run's scores and artifacts. */
interface RunResults {
  scores: ScoreRow[];
  artifacts: ArtifactRow[];
}

/** A run's scores and artifacts as the drivers hand the JSON of {@link resultsJson} back. */
interface ResultsJson {
  scores: (Omit<ScoreRow, 'runId' | 'value'> & { value: number | string })[];
  artifacts: (Omit<ArtifactRow, 'runId' | 'createdAt'> & { createdAt: string })[];
}

/**
 * `runs.id` qualified with its table even where drizzle would leave it bare (a select from `runs` alone), since in
 * the subqueries below a bare `id` would name the score's or artifact's own id.
 */
const runIdColumn = sql`${runs}.${sql.identifier(runs.id.name)}`;

/** Columns of a statement over `runs`: each run's scores and artifacts, as JSON arrays built by the database. */
const resultsJson = {
  scores: sql<
    ResultsJson['scores']
  >`coalesce((select json_agg(json_build_object('id', s.id, 'metric', s.metric,
      'labelColumn', s.label_column, 'value', s.value) order by s.metric, s.label_column)
    from ${scores} s where s.run_id = ${runIdColumn}), '[]'::json)`,
  artifacts: sql<
    ResultsJson['artifacts']
  >`coalesce((select json_agg(json_build_object('id', a.id, 'kind', a.kind,
      'fileName', a.file_name, 'contentType', a.content_type, 'storageKey', a.storage_key, 'sizeBytes', a.size_bytes,
      'sha256', a.sha256, 'createdAt', a.created_at) order by a.kind, a.file_name)
    from ${artifacts} a where a.run_id = ${runIdColumn}), '[]'::json)`,
};

/** The rows of {@link resultsJson}: JSON carries NaN and Infinity as strings, and timestamps as ISO strings. */
function parseResults(runId: string, json: ResultsJson): RunResults {
  return {
    scores: json.scores.map((score) => ({ ...score, runId, value: Number(score.value) })),
    artifacts: json.artifacts.map((artifact) => ({
      ...artifact,
      runId,
      sizeBytes: Number(artifact.sizeBytes),
      createdAt: new Date(artifact.createdAt),
    })),
  };
}

/** Groups `rows` by `key`, returning one (possibly empty) list per requested key, in the keys' order. */
function groupBy<T>(keys: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}

/** Picks the row of each key (or null), in the keys' order. */
function byKey<T>(keys: readonly string[], rows: T[], key: (row: T) => string): (T | null)[] {
  const map = new Map(rows.map((row) => [key(row), row]));
  return keys.map((k) => map.get(k) ?? null);
}

type RunWithResults = { row: RunRow; results: RunResults };
const sharedRunReaders = new WeakMap<Database, DataLoader<string, RunWithResults | null>>();

/**
 * Reads runs by id (with their scores and artifacts) for every request this process is serving, in one statement
 * per turn of the event loop. Each request has its own loaders, so on its own each request that opens a run it has
 * not read before costs a statement: under the load benchmark (50 clients, 1,000 runs, most of them read for the
 * first time) batching them cut the statements from 0.23 to 0.02 per query and the p95 latency from 121-133 ms to
 * 72-78 ms. It caches nothing and decides no access: a run's row is data, and the caller checks the viewer's role
 * in its project (access.ts) as for any row.
 */
function sharedRunReader(db: Database): DataLoader<string, RunWithResults | null> {
  let reader = sharedRunReaders.get(db);
  if (!reader) {
    reader = new DataLoader<string, RunWithResults | null>(
      async (ids) => {
        const rows = await db
          .select({ row: runs, ...resultsJson })
          .from(runs)
          .where(inArray(runs.id, [...ids]));
        return byKey(
          ids,
          rows.map((found) => ({ row: found.row, results: parseResults(found.row.id, found) })),
          (entry) => entry.row.id,
        );
      },
      // setImmediate runs after the I/O of this turn, so the requests that arrived together share the statement.
      { cache: false, maxBatchSize: 500, batchScheduleFn: (callback) => setImmediate(callback) },
    );
    sharedRunReaders.set(db, reader);
  }
  return reader;
}

/**
 * The DataLoaders of one request: every lookup a resolver makes by id goes through one, so a page of 100 runs asks
 * for their datasets, methods, scores and artifacts in one query each. Built per request so no cache outlives
 * the access checks of the request that filled it; only `role` also reads the process-wide copy of recent roles
 * (see {@link roleTtlMs}), and `run` reads through {@link sharedRunReader} (which keeps nothing).
 */
export function createLoaders(db: Database, viewerId: string | null) {
  /**
   * The viewer's role in each project (null: not a member), from this process's copy of the last few seconds
   * ({@link roleTtlMs}) or, for the projects missing there, one statement for all of them.
   */
  const role = new DataLoader<string, Role | null>(async (ids) => {
    if (!viewerId) return ids.map(() => null);
    // `cached` calls its loader at once for each key it lacks; the statement waits until every key has been asked
    // for, then reads exactly the missing ones (none: no statement).
    const absent: string[] = [];
    let askedAll!: () => void;
    const found = new Promise<void>((resolve) => (askedAll = resolve)).then(async () => {
      if (absent.length === 0) return new Map<string, Role>();
      const rows = await db
        .select({ projectId: projectMembers.projectId, role: projectMembers.role })
        .from(projectMembers)
        .where(and(eq(projectMembers.userId, viewerId), inArray(projectMembers.projectId, absent)));
      return new Map(rows.map((row) => [row.projectId, row.role]));
    });
    const roles = ids.map((id) =>
      cached(db, roleKey(viewerId, id), roleTtlMs, async () => {
        absent.push(id);
        return (await found).get(id) ?? null;
      }),
    );
    askedAll();
    return Promise.all(roles);
  });
  // A thing looked up by id is nearly always access-checked next; joining the viewer's membership of its project
  // into the same statement (at most one row: the key is project and user) saves the check a round trip.
  const viewerMembership = (projectId: AnyPgColumn) =>
    viewerId ? and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, viewerId)) : sql`false`;
  /**
   * Hands each row's role to the `role` loader, and to the process's copy of recent roles unless a change of
   * membership cleared it since `epoch` (taken before the statement), and returns the rows.
   */
  const withRoles = <T>(
    epoch: object,
    rows: { row: T; role: Role | null }[],
    projectOf: (row: T) => string,
  ): T[] =>
    rows.map((entry) => {
      const projectId = projectOf(entry.row);
      role.prime(projectId, entry.role);
      if (viewerId) remember(db, epoch, roleKey(viewerId, projectId), roleTtlMs, entry.role);
      return entry.row;
    });
  // A run page shows a run's scores and its artifacts together; one statement reads both (as JSON arrays the
  // database builds), where two loaders would each cost a round trip. The `run` loader reads them with the row and
  // primes this loader, so a run looked up by id costs one statement in all.
  const results = new DataLoader<string, RunResults>(async (ids) => {
    const found = await db
      .select({ runId: runs.id, ...resultsJson })
      .from(runs)
      .where(inArray(runs.id, [...ids]));
    const byRun = new Map(found.map((row) => [row.runId, parseResults(row.runId, row)]));
    return ids.map((id) => byRun.get(id) ?? { scores: [], artifacts: [] });
  });
  return {
    role,
    project: new DataLoader<string, ProjectRow | null>(async (ids) =>
      byKey(
        ids,
        withRoles(
          cacheEpoch(db),
          await db
            .select({ row: projects, role: projectMembers.role })
            .from(projects)
            .leftJoin(projectMembers, viewerMembership(projects.id))
            .where(inArray(projects.id, [...ids])),
          (row) => row.id,
        ),
        (row) => row.id,
      ),
    ),
    dataset: new DataLoader<string, DatasetRow | null>(async (ids) =>
      byKey(
        ids,
        withRoles(
          cacheEpoch(db),
          await db
            .select({ row: datasets, role: projectMembers.role })
            .from(datasets)
            .leftJoin(projectMembers, viewerMembership(datasets.projectId))
            .where(inArray(datasets.id, [...ids])),
          (row) => row.projectId,
        ),
        (row) => row.id,
      ),
    ),
    /** Runs by id, with their scores and artifacts (see `results`), read together with other requests' runs. */
    run: new DataLoader<string, RunRow | null>(async (ids) => {
      const found = await sharedRunReader(db).loadMany(ids);
      return found.map((entry, index) => {
        if (entry instanceof Error) return entry;
        if (entry) results.prime(ids[index]!, entry.results);
        return entry?.row ?? null;
      });
    }),
    runGroup: new DataLoader<string, RunGroupRow | null>(async (ids) =>
      byKey(
        ids,
        withRoles(
          cacheEpoch(db),
          await db
            .select({ row: runGroups, role: projectMembers.role })
            .from(runGroups)
            .leftJoin(projectMembers, viewerMembership(runGroups.projectId))
            .where(inArray(runGroups.id, [...ids])),
          (row) => row.projectId,
        ),
        (row) => row.id,
      ),
    ),
    upload: new DataLoader<string, UploadRow | null>(async (ids) =>
      byKey(
        ids,
        withRoles(
          cacheEpoch(db),
          await db
            .select({ row: uploads, role: projectMembers.role })
            .from(uploads)
            .leftJoin(projectMembers, viewerMembership(uploads.projectId))
            .where(inArray(uploads.id, [...ids])),
          (row) => row.projectId,
        ),
        (row) => row.id,
      ),
    ),
    user: new DataLoader<string, UserRow | null>(async (ids) =>
      byKey(
        ids,
        await db
          .select({ id: users.id, email: users.email, displayName: users.displayName })
          .from(users)
          .where(inArray(users.id, [...ids])),
        (row) => row.id,
      ),
    ),
    /** Methods by id, from the process-wide copy of the table (a few dozen rows). */
    method: new DataLoader<string, MethodRow | null>(async (ids) =>
      byKey(ids, await allMethods(db), (row) => row.id),
    ),
    members: new DataLoader<string, MemberRow[]>(async (ids) => {
      const rows = await db
        .select({
          projectId: projectMembers.projectId,
          role: projectMembers.role,
          addedAt: projectMembers.createdAt,
          user: { id: users.id, email: users.email, displayName: users.displayName },
        })
        .from(projectMembers)
        .innerJoin(users, eq(users.id, projectMembers.userId))
        .where(inArray(projectMembers.projectId, [...ids]))
        .orderBy(
          sql`case ${projectMembers.role} when 'OWNER' then 0 when 'EDITOR' then 1 else 2 end`,
          asc(users.email),
        );
      return groupBy(ids, rows, (row) => row.projectId);
    }),
    /** Each run's scores, by metric and label column (read with its artifacts: see `results`). */
    scores: new DataLoader<string, ScoreRow[]>(async (ids) =>
      (await results.loadMany(ids)).map((found) => (found instanceof Error ? found : found.scores)),
    ),
    /** Each run's artifacts, by kind and file name (read with its scores). */
    artifacts: new DataLoader<string, ArtifactRow[]>(async (ids) =>
      (await results.loadMany(ids)).map((found) => (found instanceof Error ? found : found.artifacts)),
    ),
    runOutput: new DataLoader<string, RunOutputRow | null>(async (ids) =>
      byKey(
        ids,
        await db
          .select()
          .from(runOutputs)
          .where(inArray(runOutputs.runId, [...ids])),
        (row) => row.runId,
      ),
    ),
    runsOfGroup: new DataLoader<string, RunRow[]>(async (ids) =>
      groupBy(
        ids,
        await db
          .select()
          .from(runs)
          .where(inArray(runs.runGroupId, [...ids]))
          .orderBy(asc(runs.seed)),
        (row) => row.runGroupId,
      ),
    ),
    runCountOfDataset: new DataLoader<string, number>(async (ids) => {
      const rows = await db
        .select({ datasetId: runs.datasetId, runs: count() })
        .from(runs)
        .where(inArray(runs.datasetId, [...ids]))
        .groupBy(runs.datasetId);
      return byKey(ids, rows, (row) => row.datasetId).map((row) => row?.runs ?? 0);
    }),
    runCountsOfProject: new DataLoader<string, Record<RunStatusName, number>>(async (ids) => {
      const rows = await db
        .select({ projectId: runs.projectId, status: runs.status, runs: count() })
        .from(runs)
        .where(inArray(runs.projectId, [...ids]))
        .groupBy(runs.projectId, runs.status);
      return groupBy(ids, rows, (row) => row.projectId).map((group) => {
        const counts: Record<RunStatusName, number> = {
          QUEUED: 0,
          RUNNING: 0,
          SUCCEEDED: 0,
          FAILED: 0,
          CANCELLED: 0,
        };
        for (const row of group) counts[row.status] = row.runs;
        return counts;
      });
    }),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;

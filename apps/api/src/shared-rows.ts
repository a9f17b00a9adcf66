import { cached, cachedIf } from './cache.js';
import type { ApiContext } from './context.js';
import type { ArtifactRow, DatasetRow, RunRow, ScoreRow } from './loaders.js';

/**
 * How long this process shares rows that never change once written. They are only deleted, and deletions go
 * through this API, which clears its caches (`clearCache`), so the time to live only bounds the memory they take.
 */
const sharedRowTtlMs = 60_000;

/** Statuses after which a run's scores and artifacts are final. */
const finished = new Set<RunRow['status']>(['SUCCEEDED', 'FAILED', 'CANCELLED']);

// The cache holds data, never access decisions: a run or dataset row found here is only served once the request
// has checked the viewer's role in its project (access.ts), and a score or artifact only for a run so checked.

/**
 * A run's row, from the request's `run` loader (read together with other requests' runs; the role is checked
 * apart). Every writer of a run (this API's cancelRun, the trainer's claim, heartbeat, finish and reaper) only
 * changes a QUEUED or RUNNING one, so a finished run's row is final and is kept (like the other shared rows, until
 * a `clearCache` or the time to live); an unfinished one is read on every request. The caller still checks access
 * (the row is data, not a decision).
 */
export function runRow(context: ApiContext, id: string): Promise<RunRow | null> {
  return cachedIf(
    context.db,
    `run:${id}`,
    sharedRowTtlMs,
    () => context.loaders.run.load(id),
    (run) => run !== null && finished.has(run.status),
  );
}

/**
 * A run's scores. A trainer writes them in the same transaction that marks the run SUCCEEDED, and nothing changes
 * them afterwards, so a finished run's scores are read once per process; an unfinished run's on every request.
 */
export function scoresOf(context: ApiContext, run: RunRow): Promise<ScoreRow[]> {
  const load = () => context.loaders.scores.load(run.id);
  return finished.has(run.status) ? cached(context.db, `run-scores:${run.id}`, sharedRowTtlMs, load) : load();
}

/** A run's artifacts: like {@link scoresOf}, final once the run has finished. */
export function artifactsOf(context: ApiContext, run: RunRow): Promise<ArtifactRow[]> {
  const load = () => context.loaders.artifacts.load(run.id);
  return finished.has(run.status)
    ? cached(context.db, `run-artifacts:${run.id}`, sharedRowTtlMs, load)
    : load();
}

/**
 * The dataset of a run or run group the caller may see. A registered dataset is never changed, only deleted (and
 * its runs with it), so its row is read once per process.
 */
export function datasetOf(context: ApiContext, datasetId: string): Promise<DatasetRow | null> {
  return cached(context.db, `dataset:${datasetId}`, sharedRowTtlMs, () =>
    context.loaders.dataset.load(datasetId),
  );
}

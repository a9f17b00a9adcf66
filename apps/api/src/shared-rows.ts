import { cached } from './cache.js';
import type { ApiContext } from './context.js';
import type { ArtifactRow, DatasetRow, RunRow, ScoreRow } from './loaders.js';

/**
 * How long this process shares rows that never change once written. They are only deleted, and deletions go
 * through this API, which clears its caches (`clearCache`), so the time to live only bounds the memory they take.
 */
const sharedRowTtlMs = 60_000;

/** Statuses after which a run's scores and artifacts are final. */
const finished = new Set<RunRow['status']>(['SUCCEEDED', 'FAILED', 'CANCELLED']);

// What follows serves rows the caller's request has already been allowed to see (a run it loaded through an access
// check, and that run's dataset): the cache holds data, never access decisions, which stay per request.

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

// The run queue lives in the `runs` table. Every transition is one SQL statement that re-checks the row's state, so
// any number of trainers (processes or machines) can share it. Times come from the database's clock (`now()`), so
// trainers with skewed clocks still agree on leases.
import { metricHistory, runs, type Database } from '@scsamac/db';
import { and, eq, sql } from 'drizzle-orm';

/** A run a trainer has claimed: enough to train it and to prove ownership on every later write. */
export interface ClaimedRun {
  id: string;
  datasetId: string;
  methodId: string;
  params: Record<string, unknown>;
  seed: number;
  /** This claim's attempt number (1 for the first). With `worker`, the fencing token of every later write. */
  attempt: number;
  maxAttempts: number;
  worker: string;
}

/** The identity of one claim: the run, the trainer holding it and the attempt. */
export type RunClaim = Pick<ClaimedRun, 'id' | 'worker' | 'attempt'>;

/** Rows of a raw `db.execute`: both drivers (node-postgres and PGlite) answer `{ rows }`. */
function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

/** SQL for `now() + ms milliseconds`. */
function nowPlus(ms: number) {
  return sql`now() + ${Math.max(0, Math.round(ms))} * interval '1 millisecond'`;
}

/** Only the claim that holds the run may write to it: same trainer, same attempt, still RUNNING. */
function holds(claim: RunClaim) {
  return and(
    eq(runs.id, claim.id),
    eq(runs.worker, claim.worker),
    eq(runs.attempts, claim.attempt),
    eq(runs.status, 'RUNNING'),
  );
}

/**
 * Atomically takes the oldest QUEUED run: it becomes RUNNING, owned by `worker`, with `attempts + 1`, a fresh
 * heartbeat and a lease of `leaseMs`. `FOR UPDATE SKIP LOCKED` lets concurrent trainers each take a different run
 * without waiting on one another; the outer `status = 'QUEUED'` re-check keeps a run from being claimed twice even if
 * the subquery were re-evaluated. Returns null when the queue is empty.
 */
export async function claimNextRun(
  db: Database,
  worker: string,
  leaseMs: number,
): Promise<ClaimedRun | null> {
  const result = await db.execute(sql`
    update runs set
      status = 'RUNNING',
      worker = ${worker},
      attempts = attempts + 1,
      started_at = now(),
      heartbeat_at = now(),
      lease_expires_at = ${nowPlus(leaseMs)},
      progress = 0,
      phase = 'starting',
      failure_reason = null
    where id = (
      select id from runs
      where status = 'QUEUED' and cancel_requested_at is null
      order by created_at, id
      limit 1
      for update skip locked
    ) and status = 'QUEUED'
    returning id, dataset_id, method_id, params, seed, attempts, max_attempts`);
  const row = rowsOf<{
    id: string;
    dataset_id: string;
    method_id: string;
    params: Record<string, unknown>;
    seed: number;
    attempts: number;
    max_attempts: number;
  }>(result)[0];
  if (!row) return null;
  return {
    id: row.id,
    datasetId: row.dataset_id,
    methodId: row.method_id,
    params: row.params,
    seed: row.seed,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    worker,
  };
}

/** What a heartbeat learned about the run. */
export type HeartbeatAnswer =
  /** Still ours; keep going. */
  | { state: 'held'; cancelRequested: false }
  /** Still ours, but a user asked to cancel it. */
  | { state: 'held'; cancelRequested: true }
  /** No longer ours (the lease expired and another trainer or the reaper took it, or it was deleted). */
  | { state: 'lost' };

/** Progress written with a heartbeat. */
export interface ProgressUpdate {
  phase: string;
  /** Overall progress in [0, 1]. */
  fraction: number;
}

/**
 * Renews the claim's lease to `leaseMs` from now and records progress; tells whether the run is still held and
 * whether cancelling was requested.
 */
export async function renewLease(
  db: Database,
  claim: RunClaim,
  leaseMs: number,
  progress?: ProgressUpdate,
): Promise<HeartbeatAnswer> {
  const rows = await db
    .update(runs)
    .set({
      heartbeatAt: sql`now()`,
      leaseExpiresAt: nowPlus(leaseMs),
      ...(progress ? { phase: progress.phase, progress: Math.min(1, Math.max(0, progress.fraction)) } : {}),
    })
    .where(holds(claim))
    .returning({ cancelRequestedAt: runs.cancelRequestedAt });
  const row = rows[0];
  if (!row) return { state: 'lost' };
  return row.cancelRequestedAt
    ? { state: 'held', cancelRequested: true }
    : { state: 'held', cancelRequested: false };
}

/** Reads whether the claim still holds the run and whether cancelling was requested, without writing. */
export async function checkClaim(db: Database, claim: RunClaim): Promise<HeartbeatAnswer> {
  const rows = await db.select({ cancelRequestedAt: runs.cancelRequestedAt }).from(runs).where(holds(claim));
  const row = rows[0];
  if (!row) return { state: 'lost' };
  return row.cancelRequestedAt
    ? { state: 'held', cancelRequested: true }
    : { state: 'held', cancelRequested: false };
}

/**
 * Ends a held run as FAILED with `reason`. Returns false (and writes nothing) when the claim no longer holds it.
 */
export async function failRun(db: Database, claim: RunClaim, reason: string): Promise<boolean> {
  const rows = await db
    .update(runs)
    .set({ status: 'FAILED', failureReason: reason, finishedAt: sql`now()`, leaseExpiresAt: null })
    .where(holds(claim))
    .returning({ id: runs.id });
  return rows.length > 0;
}

/** Ends a held run as CANCELLED. Returns false when the claim no longer holds it. */
export async function cancelHeldRun(db: Database, claim: RunClaim): Promise<boolean> {
  const rows = await db
    .update(runs)
    .set({
      status: 'CANCELLED',
      failureReason: 'cancelled while training',
      finishedAt: sql`now()`,
      leaseExpiresAt: null,
    })
    .where(holds(claim))
    .returning({ id: runs.id });
  return rows.length > 0;
}

/** What the reaper did to one run whose lease had expired. */
export interface ReapedRun {
  id: string;
  status: 'QUEUED' | 'FAILED' | 'CANCELLED';
  attempts: number;
}

/**
 * Re-queues every RUNNING run whose lease has expired (its trainer died or hung): back to QUEUED for another
 * attempt, or FAILED for good once `attempts >= max_attempts`, or CANCELLED when a user had asked to cancel it.
 * Any trainer may call it at any time; a run is only touched while it is still RUNNING with an expired lease.
 */
export async function requeueExpiredRuns(db: Database): Promise<ReapedRun[]> {
  const result = await db.execute(sql`
    update runs set
      status = case
        when cancel_requested_at is not null then 'CANCELLED'::run_status
        when attempts >= max_attempts then 'FAILED'::run_status
        else 'QUEUED'::run_status
      end,
      failure_reason = case
        when cancel_requested_at is null and attempts >= max_attempts then
          'the trainer running it stopped responding (lease expired) on all ' || attempts || ' attempts'
        else null
      end,
      finished_at = case
        when cancel_requested_at is not null or attempts >= max_attempts then now()
        else null
      end,
      worker = case when cancel_requested_at is null and attempts < max_attempts then null else worker end,
      lease_expires_at = null
    where status = 'RUNNING' and lease_expires_at < now()
    returning id, status, attempts`);
  return rowsOf<ReapedRun>(result);
}

/**
 * Gives a held run back to the queue unfinished (the trainer is shutting down): QUEUED again, and the attempt it used
 * is returned, since the run did not fail. Returns false when the claim no longer holds it.
 */
export async function releaseRun(db: Database, claim: RunClaim): Promise<boolean> {
  const rows = await db
    .update(runs)
    .set({
      status: 'QUEUED',
      worker: null,
      attempts: sql`greatest(${runs.attempts} - 1, 0)`,
      leaseExpiresAt: null,
      phase: null,
      progress: 0,
    })
    .where(holds(claim))
    .returning({ id: runs.id });
  return rows.length > 0;
}

/** A metric-history point of a held run. */
export interface HistoryRow {
  key: string;
  step: number;
  value: number;
  phase: string;
  epoch: number;
}

/**
 * Appends history points to a held run. The row lock taken first keeps a stale claim from writing into the history
 * of the attempt that replaced it. Returns false (writing nothing) when the claim no longer holds the run.
 */
export async function appendHistory(db: Database, claim: RunClaim, rows: HistoryRow[]): Promise<boolean> {
  if (rows.length === 0) return true;
  return db.transaction(async (tx) => {
    const held = await tx.select({ id: runs.id }).from(runs).where(holds(claim)).for('update');
    if (held.length === 0) return false;
    for (let start = 0; start < rows.length; start += 5000) {
      await tx
        .insert(metricHistory)
        .values(rows.slice(start, start + 5000).map((row) => ({ runId: claim.id, ...row })));
    }
    return true;
  });
}

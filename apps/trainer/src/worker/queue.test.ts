import { migrate, openDatabase, runs, type Connection, type Database } from '@scsamac/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDataset, insertProject, queueRuns, requestCancel } from '../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { cancelHeldRun, checkClaim, claimNextRun, failRun, renewLease, requeueExpiredRuns } from './queue.js';

async function queueSome(db: Database, seeds: number[]): Promise<string[]> {
  const projectId = await insertProject(db);
  const datasetId = await insertDataset(db, {
    projectId,
    storageKey: 'datasets/none.h5',
    fileName: 'none.h5',
    format: 'h5',
  });
  return queueRuns(db, { projectId, datasetId, methodId: 'pca-kmeans', seeds });
}

async function statusOf(db: Database, id: string) {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row!;
}

describe('run queue on PostgreSQL', () => {
  let database: TestDatabase;
  const extra: Connection[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(extra.map((connection) => connection.close()));
    await database?.drop();
  });

  it('hands each of 12 queued runs to exactly one of 3 trainers claiming at once', async () => {
    const ids = await queueSome(
      database.connection.db,
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    // Three connection pools stand for three trainer processes racing for the same rows.
    const trainers = await Promise.all([0, 1, 2].map(() => openDatabase({ url: database.url })));
    extra.push(...trainers);
    const claimed = await Promise.all(
      trainers.map(async (trainer, index) => {
        const mine: string[] = [];
        // Four claims in flight per trainer, so claims really overlap.
        await Promise.all(
          [0, 1, 2, 3].map(async () => {
            for (;;) {
              const run = await claimNextRun(trainer.db, `trainer-${index}`, 60_000);
              if (!run) return;
              expect(run.attempt).toBe(1);
              mine.push(run.id);
            }
          }),
        );
        return mine;
      }),
    );
    const all = claimed.flat();
    expect(all.sort()).toEqual([...ids].sort());
    expect(new Set(all).size).toBe(12);
    const rows = await database.connection.db.select().from(runs);
    expect(rows.every((row) => row.status === 'RUNNING' && row.attempts === 1)).toBe(true);
    // Each trainer got some work (claims are not serialised behind one trainer).
    expect(claimed.filter((mine) => mine.length > 0).length).toBeGreaterThanOrEqual(2);
    await database.connection.db.delete(runs);
  });

  it('renews a held lease, reports a cancel request, and refuses writes from a stale claim', async () => {
    const db = database.connection.db;
    const [id] = await queueSome(db, [1]);
    const claim = (await claimNextRun(db, 'trainer-a', 60_000))!;
    expect(claim.id).toBe(id);
    expect(await renewLease(db, claim, 60_000, { phase: 'pretrain', fraction: 0.25 })).toEqual({
      state: 'held',
      cancelRequested: false,
    });
    const row = await statusOf(db, id!);
    expect(row.phase).toBe('pretrain');
    expect(row.progress).toBeCloseTo(0.25);
    expect(await renewLease(db, { ...claim, worker: 'trainer-b' }, 60_000)).toEqual({ state: 'lost' });
    expect(await renewLease(db, { ...claim, attempt: 2 }, 60_000)).toEqual({ state: 'lost' });
    expect(await failRun(db, { ...claim, worker: 'trainer-b' }, 'not mine')).toBe(false);

    await requestCancel(db, id!);
    expect(await checkClaim(db, claim)).toEqual({ state: 'held', cancelRequested: true });
    expect(await cancelHeldRun(db, claim)).toBe(true);
    expect((await statusOf(db, id!)).status).toBe('CANCELLED');
    expect(await claimNextRun(db, 'trainer-a', 60_000)).toBeNull();
  });

  it('re-queues a run whose lease expired, with the next claim as attempt 2, and fences the old claim', async () => {
    const db = database.connection.db;
    const [id] = await queueSome(db, [7]);
    const first = (await claimNextRun(db, 'trainer-dead', 1))!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await requeueExpiredRuns(db)).toEqual([{ id, status: 'QUEUED', attempts: 1 }]);
    const queued = await statusOf(db, id!);
    expect(queued.status).toBe('QUEUED');
    expect(queued.worker).toBeNull();

    const second = (await claimNextRun(db, 'trainer-alive', 60_000))!;
    expect(second).toMatchObject({ id, attempt: 2, worker: 'trainer-alive' });
    // The first trainer wakes up: every write of its stale claim is refused.
    expect(await renewLease(db, first, 60_000)).toEqual({ state: 'lost' });
    expect(await failRun(db, first, 'late failure')).toBe(false);
    expect(await requeueExpiredRuns(db)).toEqual([]);
    expect(await failRun(db, second, 'boom')).toBe(true);
    const failed = await statusOf(db, id!);
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'boom', attempts: 2 });
  });

  it('fails a run for good once its lease expired on the last attempt, and cancels one that was being cancelled', async () => {
    const db = database.connection.db;
    const [lastTry, cancelling] = await queueSome(db, [1, 2]);
    await db.update(runs).set({ maxAttempts: 1 }).where(eq(runs.id, lastTry!));
    const a = (await claimNextRun(db, 'trainer-x', 1))!;
    const b = (await claimNextRun(db, 'trainer-x', 1))!;
    expect([a.id, b.id].sort()).toEqual([lastTry, cancelling].sort());
    await requestCancel(db, cancelling!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reaped = await requeueExpiredRuns(db);
    expect(reaped.map((run) => [run.id, run.status]).sort()).toEqual(
      [
        [lastTry, 'FAILED'],
        [cancelling, 'CANCELLED'],
      ].sort(),
    );
    expect((await statusOf(db, lastTry!)).failureReason).toMatch(/stopped responding .* on all 1 attempts/);
    expect(await claimNextRun(db, 'trainer-x', 60_000)).toBeNull();
  });
});

describe('run queue on PGlite', () => {
  it('claims with FOR UPDATE SKIP LOCKED on the embedded database too', async () => {
    const connection = await openDatabase({ url: '', dataDir: 'memory://' });
    try {
      await migrate(connection);
      const [id] = await queueSome(connection.db, [3]);
      const claim = await claimNextRun(connection.db, 'embedded', 60_000);
      expect(claim).toMatchObject({ id, attempt: 1, seed: 3, methodId: 'pca-kmeans' });
      expect(await claimNextRun(connection.db, 'embedded', 60_000)).toBeNull();
      const [row] = await connection.db.select().from(runs);
      expect(row).toMatchObject({ status: 'RUNNING', worker: 'embedded', attempts: 1 });
    } finally {
      await connection.close();
    }
  });
});

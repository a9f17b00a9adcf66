// The trainer loop and run executor with a scripted stand-in for the training thread (test-fixtures/scripted-thread):
// every ending of a run, and what each leaves in the database and the file storage.
import { artifacts, markers, metricHistory, runOutputs, runs, scores, type Database } from '@scsamac/db';
import { asc, eq, sql } from 'drizzle-orm';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertDataset, queueRuns, requestCancel } from '../test/fixtures.js';
import { createTestEnvironment, type TestEnvironment } from '../test/test-environment.js';
import { waitFor } from '../test/wait.js';
import { startTrainer, type RunningTrainer, type TrainerOptions } from '../worker.js';

const scripted = new URL('./test-fixtures/scripted-thread.ts', import.meta.url);

let environment: TestEnvironment;
let db: Database;
let storage: TestEnvironment['storage'];
let projectId: string;
let datasetId: string;
const trainers: RunningTrainer[] = [];
const logs: string[] = [];

beforeAll(async () => {
  environment = await createTestEnvironment('trainer-test-');
  ({ db, storage, projectId } = environment);
  await storage.put('datasets/fake.h5', new TextEncoder().encode('not read by the scripted thread'));
  datasetId = await insertDataset(db, {
    projectId,
    storageKey: 'datasets/fake.h5',
    fileName: 'fake.h5',
    format: 'h5',
  });
});

afterEach(async () => {
  await Promise.all(trainers.splice(0).map((trainer) => trainer.stop()));
});

afterAll(async () => {
  await environment?.dispose();
});

async function trainer(options: Partial<TrainerOptions> = {}): Promise<RunningTrainer> {
  const started = await startTrainer(environment.database.connection, {
    pollMs: 100,
    storage,
    leaseMs: 3000,
    threadEntry: scripted,
    log: (message) => logs.push(message),
    ...options,
  });
  trainers.push(started);
  return started;
}

async function queue(params: Record<string, unknown>, seeds = [1]): Promise<string[]> {
  return queueRuns(db, { projectId, datasetId, methodId: 'pca-kmeans', params, seeds });
}

async function run(id: string) {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row!;
}

async function untilStatus(id: string, statuses: string[], timeoutMs = 30_000) {
  return waitFor(
    () => run(id),
    (row) => statuses.includes(row.status),
    { timeoutMs, what: `run ${id} in ${statuses}` },
  );
}

async function resultCounts(id: string) {
  const count = async (table: typeof scores | typeof markers | typeof artifacts | typeof runOutputs) =>
    (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(table.runId, id))
    )[0]!.n;
  return {
    outputs: await count(runOutputs),
    scores: await count(scores),
    markers: await count(markers),
    artifacts: await count(artifacts),
  };
}

async function storedFiles(id: string): Promise<string[]> {
  return readdir(path.join(storage.root, 'runs', id), { recursive: true }).catch(() => []);
}

describe('trainer with a scripted thread', () => {
  it('stores a successful run in one go: status, outputs, scores, markers, artifacts and files', async () => {
    const [id] = await queue({ behaviour: 'succeed', seconds: 0.3, withHistory: true });
    await trainer();
    const row = await untilStatus(id!, ['SUCCEEDED', 'FAILED']);
    expect(row).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      clusters: 2,
      backend: 'none',
      progress: 1,
    });
    expect(row.timings).toMatchObject({ pretrain: 0.5, total: 0.6 });
    expect(row.timings!.trainer).toBeGreaterThan(0);
    expect(row.peakMemoryBytes).toBeGreaterThan(10_000_000);
    const [outputs] = await db.select().from(runOutputs).where(eq(runOutputs.runId, id!));
    expect(outputs).toMatchObject({
      cells: 6,
      labels: [0, 0, 0, 1, 1, 1],
      latentDims: 2,
      embeddingMethod: 'umap',
    });
    expect(outputs!.embedding).toHaveLength(12);
    const scoreRows = await db.select().from(scores).where(eq(scores.runId, id!)).orderBy(asc(scores.metric));
    expect(scoreRows.map((score) => [score.metric, score.labelColumn, score.value])).toEqual([
      ['ARI', 'truth', 1],
      ['seconds', '', 0.6],
    ]);
    expect(await resultCounts(id!)).toEqual({ outputs: 1, scores: 2, markers: 1, artifacts: 4 });
    const kinds = (await db.select().from(artifacts).where(eq(artifacts.runId, id!)))
      .map((a) => a.kind)
      .sort();
    expect(kinds).toEqual(['embedding', 'latent', 'markers', 'note']);
    expect(new TextDecoder().decode(await storage.read(`runs/${id}/attempt-1/markers.csv`))).toBe(
      'cluster,rank,gene,score,log_fold_change,p_value,p_value_adjusted,fraction_in,fraction_out,mean_in\n' +
        '0,0,Ins1,2.5,1.5,0.01,0.03,1,0.2,3.2\n',
    );
    expect((await storage.read(`runs/${id}/attempt-1/latent.f32`)).length).toBe(6 * 2 * 4);
    // The method's own history replaced the progress rows.
    const history = await db.select().from(metricHistory).where(eq(metricHistory.runId, id!));
    expect(history.map((point) => [point.key, point.step, point.value])).toEqual([
      ['nb', 0, 9],
      ['nb', 1, 8],
    ]);
  });

  it('writes progress as metric history at most once a second while the run trains', async () => {
    const [id] = await queue({ behaviour: 'succeed', seconds: 3.2 });
    await trainer();
    // The run's row shows its phase and progress while it trains.
    const training = await waitFor(
      () => run(id!),
      (row) => row.status === 'SUCCEEDED' || (row.phase === 'pretrain' && row.progress > 0),
      { what: 'progress on the run row' },
    );
    expect(training).toMatchObject({ status: 'RUNNING', phase: 'pretrain' });
    await untilStatus(id!, ['SUCCEEDED', 'FAILED']);
    const history = await db.select().from(metricHistory).where(eq(metricHistory.runId, id!));
    // 64 progress events (one each 50 ms), all kept, in per-key step order.
    expect(history.map((point) => point.step).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 64 }, (_, i) => i),
    );
    const writes = [...new Set(history.map((point) => point.recordedAt.getTime()))].sort((a, b) => a - b);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(writes.length).toBeLessThanOrEqual(5);
    // While training, writes are a second apart; the last one comes with the run's end, whenever that is.
    for (let i = 1; i < writes.length - 1; i++)
      expect(writes[i]! - writes[i - 1]!).toBeGreaterThanOrEqual(900);
  });

  it('cancels a running run within 2 s and stores nothing', async () => {
    const [id] = await queue({ behaviour: 'hang' });
    await trainer();
    await untilStatus(id!, ['RUNNING']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const asked = Date.now();
    await requestCancel(db, id!);
    const row = await untilStatus(id!, ['CANCELLED', 'FAILED', 'SUCCEEDED'], 5000);
    const took = Date.now() - asked;
    expect(row.status).toBe('CANCELLED');
    expect(took).toBeLessThan(2000);
    expect(await resultCounts(id!)).toEqual({ outputs: 0, scores: 0, markers: 0, artifacts: 0 });
    expect(await storedFiles(id!)).toEqual([]);
  });

  it('fails a run with the reason the thread gives, when the thread dies, or when it runs out of memory', async () => {
    const [failing] = await queue({ behaviour: 'fail' });
    const [exiting] = await queue({ behaviour: 'exit' });
    const [hog] = await queue({ behaviour: 'oom' });
    await trainer({ concurrency: 3, maxHeapMb: 48 });
    const rows = await Promise.all(
      [failing, exiting, hog].map((id) => untilStatus(id!, ['FAILED', 'SUCCEEDED'])),
    );
    expect(rows.map((row) => row.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    expect(rows[0]!.failureReason).toBe('scripted failure: the matrix is empty');
    expect(rows[1]!.failureReason).toMatch(/training thread stopped \(exit code 3\)/);
    expect(rows[2]!.failureReason).toMatch(/^out of memory: .* heap limit of 48 MB/);
    for (const row of rows) {
      expect(row.finishedAt).toBeInstanceOf(Date);
      expect(await resultCounts(row.id)).toEqual({ outputs: 0, scores: 0, markers: 0, artifacts: 0 });
    }
  });

  it('fails a run that trains past the time limit', async () => {
    const [slow] = await queue({ behaviour: 'hang' });
    await trainer({ timeLimitMs: 2500 });
    const row = await untilStatus(slow!, ['FAILED', 'SUCCEEDED']);
    expect(row.failureReason).toBe('time limit exceeded: the run trained for more than 2.5 s');
    expect(await resultCounts(row.id)).toEqual({ outputs: 0, scores: 0, markers: 0, artifacts: 0 });
  });

  it('returns a run to the queue, attempt unused, when the trainer stops', async () => {
    const [id] = await queue({ behaviour: 'hang' });
    const first = await trainer();
    await untilStatus(id!, ['RUNNING']);
    await first.stop();
    expect(await run(id!)).toMatchObject({ status: 'QUEUED', attempts: 0, worker: null });
    await db
      .update(runs)
      .set({ params: { behaviour: 'succeed', seconds: 0.1 } })
      .where(eq(runs.id, id!));
    await trainer();
    expect(await untilStatus(id!, ['SUCCEEDED', 'FAILED'])).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
    });
  });

  it('trains run after run on one thread, and replaces it after maxRunsPerThread', async () => {
    const ids = await queue({ behaviour: 'succeed', seconds: 0.1 }, [1, 2, 3]);
    await trainer({ name: 'recycler', maxRunsPerThread: 2 });
    for (const id of ids) expect((await untilStatus(id, ['SUCCEEDED', 'FAILED'])).status).toBe('SUCCEEDED');
    const starts = logs.filter((line) => /^trainer recycler: training thread 0 ready/.test(line));
    expect(starts).toHaveLength(2);
  });

  it('resumes a retried run from the checkpoint its first attempt stored after pretraining', async () => {
    const [id] = await queue({ behaviour: 'checkpoint-then-hang' });
    const first = await trainer({ name: 'first' });
    await waitFor(
      () => storage.stat(`runs/${id}/checkpoint/manifest.json`),
      (stat) => stat !== null,
      {
        what: 'checkpoint manifest',
      },
    );
    // The first trainer goes silent: its lease lapses and the run is handed to the row's next claimant.
    await db
      .update(runs)
      .set({ leaseExpiresAt: sql`now() - interval '1 second'`, worker: 'gone' })
      .where(eq(runs.id, id!));
    await first.stop();
    // What a first attempt killed while storing its files would leave behind.
    await storage.put(`runs/${id}/attempt-1/latent.f32`, new Uint8Array(8));
    await trainer({ name: 'second' });
    const row = await untilStatus(id!, ['SUCCEEDED', 'FAILED']);
    expect(row).toMatchObject({ status: 'SUCCEEDED', attempts: 2, worker: 'second' });
    expect(new TextDecoder().decode(await storage.read(`runs/${id}/attempt-2/note.txt`))).toBe(
      `resumed from: weights of ${id}`,
    );
    const kinds = (await db.select().from(artifacts).where(eq(artifacts.runId, id!))).map((a) => a.kind);
    expect(kinds).toContain('checkpoint');
    expect(await storage.stat(`runs/${id}/attempt-1/latent.f32`)).toBeNull();
  });
});

// The trainer service as it runs in production: separate `npm run trainer` processes (src/main.ts) sharing one
// PostgreSQL queue, training real runs (pca-kmeans on real PBMC cells) in worker threads. Covers the issue's
// "done when": 12 runs over 3 trainers each executed once, kill -9 mid-run, cancel mid-run, a corrupt file.
import { artifacts, markers, metricHistory, runOutputs, runs, scores, type Database } from '@scsamac/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pbmcFile, writeSubsample } from './datasets.js';
import { insertDataset, queueRuns, requestCancel } from './fixtures.js';
import type { TestEnvironment } from './test-environment.js';
import { trainerSuite } from './trainer-suite.js';
import { waitFor } from './wait.js';

/** Short leases so a killed trainer's run is taken back within seconds. */
const LEASE_SECONDS = 3;
/** Fast pca-kmeans settings: the test is about the service, not the method's quality. */
const FAST = { nComponents: 10, nInit: 2 };
const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

let db: Database;
let storage: TestEnvironment['storage'];
let projectId: string;
/** 214 PBMC cells (every 20th): the 12-run test. */
let smallDataset: string;
/** 855 PBMC cells (every 5th): runs long enough (several seconds) to be interrupted mid-run. */
let mediumDataset: string;
let corruptDataset: string;

const { trainers, runRow } = trainerSuite({
  prefix: 'trainer-processes-',
  names: ['trainer-a', 'trainer-b', 'trainer-c'],
  leaseSeconds: LEASE_SECONDS,
  prepare: async (environment) => {
    ({ db, storage, projectId } = environment);
    await mkdir(path.join(storage.root, 'datasets'), { recursive: true });
    const small = await writeSubsample(pbmcFile, 20, path.join(storage.root, 'datasets', 'pbmc-20.h5ad'));
    const medium = await writeSubsample(pbmcFile, 5, path.join(storage.root, 'datasets', 'pbmc-5.h5ad'));
    // A file that claims to be h5ad but is not HDF5 at all (what a truncated or mislabelled upload looks like).
    await writeFile(
      path.join(storage.root, 'datasets', 'broken.h5ad'),
      'this is not an HDF5 file\n'.repeat(40),
    );
    const dataset = (key: string, format: string, cells: number) =>
      insertDataset(db, {
        projectId,
        storageKey: `datasets/${key}`,
        fileName: key,
        format,
        cells,
        genes: 2000,
      });
    smallDataset = await dataset('pbmc-20.h5ad', 'h5ad', small.rows);
    mediumDataset = await dataset('pbmc-5.h5ad', 'h5ad', medium.rows);
    corruptDataset = await dataset('broken.h5ad', 'h5ad', 0);
  },
});

async function counts(ids: string[]) {
  const per = async (table: typeof runOutputs | typeof scores | typeof markers | typeof artifacts) =>
    new Map(
      (
        await db
          .select({ runId: table.runId, n: sql<number>`count(*)::int` })
          .from(table)
          .where(inArray(table.runId, ids))
          .groupBy(table.runId)
      ).map((row) => [row.runId, row.n]),
    );
  return {
    outputs: await per(runOutputs),
    scores: await per(scores),
    markers: await per(markers),
    artifacts: await per(artifacts),
  };
}

/** How many times any trainer process logged that it started `runId`. */
function starts(runId: string): number {
  return trainers
    .flatMap((trainer) => trainer.lines)
    .filter((line) => line.includes(`run ${runId} `) && line.endsWith(': started')).length;
}

describe('trainer processes sharing one PostgreSQL queue', () => {
  it('runs 12 queued runs over 3 trainers, each exactly once, and fails a corrupt file readably while serving the rest', async () => {
    const began = Date.now();
    // The corrupt run is queued first: the trainer that takes it must go on to serve the others.
    const [corrupt] = await queueRuns(db, {
      projectId,
      datasetId: corruptDataset,
      methodId: 'pca-kmeans',
      params: FAST,
      seeds: [1],
    });
    const ids = await queueRuns(db, {
      projectId,
      datasetId: smallDataset,
      methodId: 'pca-kmeans',
      params: FAST,
      seeds: Array.from({ length: 12 }, (_, i) => i + 1),
    });
    const all = [corrupt!, ...ids];
    const rows = await waitFor(
      () => db.select().from(runs).where(inArray(runs.id, all)),
      (current) => current.every((row) => TERMINAL.includes(row.status)),
      { timeoutMs: 170_000, everyMs: 250, what: '13 runs to finish' },
    );
    console.log(
      `12 runs + 1 corrupt over 3 trainer processes: ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );

    const failed = rows.find((row) => row.id === corrupt)!;
    expect(failed.status).toBe('FAILED');
    // The reader's message names the file and what is wrong with it.
    expect(failed.failureReason).toMatch(/broken\.h5ad: .*(HDF5|h5ad|corrupt|not)/i);
    const corruptTrainer = trainers.find((trainer) => trainer.name === failed.worker)!;
    expect(corruptTrainer).toBeDefined();

    const succeeded = rows.filter((row) => ids.includes(row.id));
    expect(succeeded.map((row) => row.status)).toEqual(Array(12).fill('SUCCEEDED'));
    expect(succeeded.every((row) => row.attempts === 1)).toBe(true);
    // Each run started exactly once, over all trainers' logs.
    for (const id of all) expect(starts(id)).toBe(1);
    // The work was shared, and the trainer that met the corrupt file went on to train others.
    const byTrainer = new Map<string, number>();
    for (const row of succeeded) byTrainer.set(row.worker!, (byTrainer.get(row.worker!) ?? 0) + 1);
    expect(byTrainer.size).toBeGreaterThanOrEqual(2);
    expect(byTrainer.get(corruptTrainer.name) ?? 0).toBeGreaterThan(0);

    // One result set per run: one output row, 5 scores against label column Y plus silhouette and seconds,
    // 20 markers per cluster, and the artifacts, with no duplicates.
    const found = await counts(all);
    for (const row of succeeded) {
      expect(found.outputs.get(row.id)).toBe(1);
      expect(found.scores.get(row.id)).toBe(7);
      expect(found.markers.get(row.id)).toBe(20 * row.clusters!);
      expect(found.artifacts.get(row.id)).toBe(7);
      expect(row.clusters).toBe(8);
      expect(row.backend).toBe('none');
      expect(row.peakMemoryBytes).toBeGreaterThan(50_000_000);
      expect(row.timings).toMatchObject({
        pca: expect.any(Number),
        embedding: expect.any(Number),
        total: expect.any(Number),
      });
    }
    for (const map of Object.values(found)) expect(map.has(corrupt!)).toBe(false);
    const [output] = await db.select().from(runOutputs).where(eq(runOutputs.runId, ids[0]!));
    expect(output!.cells).toBe(214);
    expect(output!.labels).toHaveLength(214);
    expect(output!.embedding).toHaveLength(428);
    expect(output!.embeddingMethod).toBe('umap');
    const ari = await db.select().from(scores).where(eq(scores.metric, 'ARI'));
    // Real clustering of real cell types: well above chance for every seed.
    for (const score of ari.filter((row) => ids.includes(row.runId)))
      expect(score.value).toBeGreaterThan(0.4);
  }, 200_000);

  it('takes back the run of a trainer killed with kill -9 mid-run once its lease expires, and finishes it once', async () => {
    const [id] = await queueRuns(db, {
      projectId,
      datasetId: mediumDataset,
      methodId: 'pca-kmeans',
      params: FAST,
      seeds: [41],
    });
    // Mid-run: claimed, and its thread already reported training progress.
    const running = await waitFor(
      () => runRow(id!),
      (row) => row.status === 'RUNNING' && row.phase !== null && row.phase !== 'starting',
      { timeoutMs: 60_000, everyMs: 50, what: 'the run to be training' },
    );
    const victim = trainers.find((trainer) => trainer.name === running.worker)!;
    await victim.kill9();
    const killedAt = Date.now();
    trainers.splice(trainers.indexOf(victim), 1);

    const row = await waitFor(
      () => runRow(id!),
      (current) => TERMINAL.includes(current.status),
      {
        timeoutMs: 120_000,
        everyMs: 200,
        what: 'the run to finish on another trainer',
      },
    );
    console.log(
      `kill -9 mid-run -> finished on ${row.worker} ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`,
    );
    expect(row).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(row.worker).not.toBe(victim.name);
    expect(trainers.map((trainer) => trainer.name)).toContain(row.worker);
    const survivorLog = trainers.flatMap((trainer) => trainer.lines).join('\n');
    expect(survivorLog).toContain(`run ${id} lost its trainer (attempt 1); now QUEUED`);

    const found = await counts([id!]);
    expect(found.outputs.get(id!)).toBe(1);
    expect(found.scores.get(id!)).toBe(7);
    const files = await db
      .select({ key: artifacts.storageKey })
      .from(artifacts)
      .where(eq(artifacts.runId, id!));
    expect(files.every((file) => file.key.startsWith(`runs/${id}/attempt-2/`))).toBe(true);
    // Nothing of the killed attempt is left in the storage.
    expect(await readdir(path.join(storage.root, 'runs', id!))).toEqual(['attempt-2']);
  }, 150_000);

  it('cancels a run mid-run within 2 s, stores nothing, and keeps serving', async () => {
    const [id] = await queueRuns(db, {
      projectId,
      datasetId: mediumDataset,
      methodId: 'pca-kmeans',
      params: FAST,
      seeds: [51],
    });
    await waitFor(
      () => runRow(id!),
      (row) => row.status === 'RUNNING' && row.phase !== null && row.phase !== 'starting',
      {
        timeoutMs: 60_000,
        everyMs: 50,
        what: 'the run to be training',
      },
    );
    const asked = Date.now();
    await requestCancel(db, id!);
    const row = await waitFor(
      () => runRow(id!),
      (current) => TERMINAL.includes(current.status),
      {
        timeoutMs: 10_000,
        everyMs: 20,
        what: 'the run to stop',
      },
    );
    const tookMs = Date.now() - asked;
    console.log(`cancel mid-run -> ${row.status} after ${tookMs} ms`);
    expect(row.status).toBe('CANCELLED');
    expect(tookMs).toBeLessThan(2000);
    const found = await counts([id!]);
    expect([
      ...found.outputs.values(),
      ...found.scores.values(),
      ...found.markers.values(),
      ...found.artifacts.values(),
    ]).toEqual([]);
    expect(await readdir(path.join(storage.root, 'runs', id!)).catch(() => [])).toEqual([]);
    // Progress rows of the cancelled run may remain (they are history, not results); nothing else does.
    const history = await db.select().from(metricHistory).where(eq(metricHistory.runId, id!));
    expect(history.every((point) => Number.isFinite(point.value))).toBe(true);

    // The trainers keep serving: a new run still goes through.
    const [next] = await queueRuns(db, {
      projectId,
      datasetId: smallDataset,
      methodId: 'pca-kmeans',
      params: FAST,
      seeds: [52],
    });
    const after = await waitFor(
      () => runRow(next!),
      (current) => TERMINAL.includes(current.status),
      {
        timeoutMs: 60_000,
        everyMs: 200,
        what: 'a run after the cancel',
      },
    );
    expect(after.status).toBe('SUCCEEDED');
  }, 90_000);
});

// A retried scSAMAC run resumes from the checkpoint its first attempt stored after pretraining: two `npm run trainer`
// processes on one PostgreSQL queue, real scSAMAC on real PBMC cells, the first trainer killed with kill -9 once
// its checkpoint is in the file storage. The retry must skip pretraining and end exactly as an uninterrupted run
// of the same seed does.
import { artifacts, metricHistory, runGroups, runOutputs, runs, scores, type Database } from '@scsamac/db';
import { asc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pbmcFile, writeSubsample } from './datasets.js';
import { insertDataset, queueRuns } from './fixtures.js';
import type { TestEnvironment } from './test-environment.js';
import { trainerSuite } from './trainer-suite.js';
import { waitFor } from './wait.js';

/** Short leases so the killed trainer's run is taken back within seconds. */
const LEASE_SECONDS = 3;
/**
 * Small scSAMAC settings: pretraining of a few seconds (what the retry must not repeat) and a clustering stage
 * long enough (seconds) that the first trainer is killed before it could finish.
 */
const PARAMS = { k: 8, topGenes: 500, batchSize: 128, pretrainSteps: 40, clusterSteps: 20 };
const SEED = 7;
const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

let environment: TestEnvironment;
let db: Database;
let datasetId: string;

const { trainers, runRow } = trainerSuite({
  prefix: 'trainer-resume-',
  names: ['resume-a', 'resume-b'],
  leaseSeconds: LEASE_SECONDS,
  prepare: async (created) => {
    environment = created;
    db = environment.db;
    await mkdir(path.join(environment.storage.root, 'datasets'), { recursive: true });
    // 428 PBMC cells (every 10th).
    const cells = await writeSubsample(
      pbmcFile,
      10,
      path.join(environment.storage.root, 'datasets', 'pbmc-10.h5ad'),
    );
    datasetId = await insertDataset(db, {
      projectId: environment.projectId,
      storageKey: 'datasets/pbmc-10.h5ad',
      fileName: 'pbmc-10.h5ad',
      format: 'h5ad',
      cells: cells.rows,
      genes: cells.cols,
    });
  },
});

async function queueScsamac(): Promise<string> {
  const [id] = await queueRuns(db, {
    projectId: environment.projectId,
    datasetId,
    methodId: 'scsamac',
    params: PARAMS,
    seeds: [SEED],
  });
  return id!;
}

/** The run's stored metric history in write order, as comparable tuples. */
async function history(id: string) {
  const rows = await db
    .select()
    .from(metricHistory)
    .where(eq(metricHistory.runId, id))
    .orderBy(asc(metricHistory.id));
  return rows.map((row) => [row.phase, row.epoch, row.key, row.step, row.value]);
}

describe('a retried scSAMAC run', () => {
  it('resumes from the checkpoint stored after pretraining when its trainer is killed, and ends as an uninterrupted run does', async () => {
    const id = await queueScsamac();
    const stored = new RegExp(`run ${id} .*: checkpoint stored after pretraining`);
    const victim = await Promise.race(
      trainers.map((trainer) => trainer.waitForLine(stored, 180_000).then(() => trainer)),
    );
    await victim.kill9();
    const killedAt = Date.now();
    const survivor = trainers.find((trainer) => trainer !== victim)!;
    trainers.splice(trainers.indexOf(victim), 1);
    expect(await runRow(id)).toMatchObject({ status: 'RUNNING', attempts: 1, worker: victim.name });

    // Every phase the retry reports (progress reaches the row at least once a second; pretraining took seconds).
    const retryPhases = new Set<string>();
    const resumed = await waitFor(
      async () => {
        const row = await runRow(id);
        if (row.status === 'RUNNING' && row.attempts === 2 && row.phase) retryPhases.add(row.phase);
        return row;
      },
      (row) => TERMINAL.includes(row.status),
      { timeoutMs: 120_000, everyMs: 100, what: 'the run to finish on the other trainer' },
    );
    const retrySeconds = (Date.now() - killedAt) / 1000;
    expect(resumed).toMatchObject({ status: 'SUCCEEDED', attempts: 2, worker: survivor.name });
    expect(survivor.lines.join('\n')).toContain(
      `run ${id} (scsamac, seed ${SEED}, attempt 2/3): resuming from the checkpoint of an earlier attempt`,
    );
    // Pretraining was not repeated: no pretrain phase in the retry, and the method says it resumed.
    expect(retryPhases.has('cluster')).toBe(true);
    expect(retryPhases.has('pretrain')).toBe(false);
    expect(resumed.timings).toHaveProperty('resume');
    expect(resumed.timings).not.toHaveProperty('pretrain');

    // Results stored once, by the second attempt, beside the checkpoint; nothing of the killed attempt is left.
    const outputs = await db.select().from(runOutputs).where(eq(runOutputs.runId, id));
    expect(outputs).toHaveLength(1);
    const files = await db
      .select({ key: artifacts.storageKey, kind: artifacts.kind })
      .from(artifacts)
      .where(eq(artifacts.runId, id));
    expect(files.filter((file) => file.kind === 'checkpoint').map((file) => file.key)).toEqual([
      `runs/${id}/checkpoint/pretrained.json`,
    ]);
    // The trained model, as the folder `scsamac predict --model` reads.
    expect(
      files
        .filter((file) => file.kind === 'model')
        .map((file) => file.key)
        .sort(),
    ).toEqual([`runs/${id}/attempt-2/model/model.json`, `runs/${id}/attempt-2/model/weights.bin`]);
    expect(
      files
        .filter((file) => file.kind !== 'checkpoint')
        .every((file) => file.key.startsWith(`runs/${id}/attempt-2/`)),
    ).toBe(true);
    expect((await readdir(path.join(environment.storage.root, 'runs', id))).sort()).toEqual([
      'attempt-2',
      'checkpoint',
    ]);

    // The same seed, uninterrupted, on the surviving trainer: the same labels, scores and loss history.
    const reference = await queueScsamac();
    const uninterrupted = await waitFor(
      () => runRow(reference),
      (row) => TERMINAL.includes(row.status),
      { timeoutMs: 120_000, everyMs: 200, what: 'the uninterrupted run to finish' },
    );
    expect(uninterrupted).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    const [referenceOutput] = await db.select().from(runOutputs).where(eq(runOutputs.runId, reference));
    expect(outputs[0]!.labels).toEqual(referenceOutput!.labels);
    const ari = async (runId: string) =>
      (
        await db
          .select({ value: scores.value })
          .from(scores)
          .where(sql`${scores.runId} = ${runId} and ${scores.metric} = 'ARI'`)
      )[0]!.value;
    expect(await ari(id)).toBe(await ari(reference));
    const resumedHistory = await history(id);
    expect(resumedHistory.some(([phase]) => phase === 'pretrain')).toBe(true);
    expect(resumedHistory).toEqual(await history(reference));

    const pretrain = uninterrupted.timings!.pretrain!;
    console.log(
      `scsamac resume: kill -9 after the checkpoint -> SUCCEEDED ${retrySeconds.toFixed(1)} s later ` +
        `(lease ${LEASE_SECONDS} s); retry restored the checkpoint in ${resumed.timings!.resume!.toFixed(2)} s ` +
        `instead of pretraining (${pretrain.toFixed(1)} s uninterrupted); trainer time ` +
        `${resumed.timings!.trainer!.toFixed(1)} s resumed vs ${uninterrupted.timings!.trainer!.toFixed(1)} s uninterrupted`,
    );
    // Restoring weights and replaying the generator is a small fraction of pretraining. (Whole-attempt times are
    // not compared: the retry's thread is cold, and the machine is shared.)
    expect(resumed.timings!.resume!).toBeLessThan(pretrain / 10);
  }, 400_000);

  it('trains from scratch when the checkpoint is not this run as the code now runs it (an older version wrote it)', async () => {
    // A real checkpoint of this run's seed and params, from an uninterrupted run.
    const source = await queueScsamac();
    const finished = await waitFor(
      () => runRow(source),
      (row) => TERMINAL.includes(row.status),
      { timeoutMs: 120_000, everyMs: 200, what: 'the run that writes the checkpoint to finish' },
    );
    expect(finished.status).toBe('SUCCEEDED');
    const { storage } = environment;
    const state = JSON.parse(
      new TextDecoder().decode(await storage.read(`runs/${source}/checkpoint/pretrained.json`)),
    ) as { options: Record<string, unknown> };
    // As written before `pretrainAverage` existed: the options then had no such key.
    delete state.options.pretrainAverage;

    // A run whose first attempt died after storing that checkpoint: stored first, then the row, so no trainer
    // claims the run before its checkpoint is in place.
    const id = randomUUID();
    const stored = await storage.put(
      `runs/${id}/checkpoint/pretrained.json`,
      new TextEncoder().encode(JSON.stringify(state)),
    );
    await storage.put(
      `runs/${id}/checkpoint/manifest.json`,
      new TextEncoder().encode(JSON.stringify({ files: [{ fileName: 'pretrained.json', stored }] })),
    );
    const [group] = await db
      .select({ id: runGroups.id })
      .from(runGroups)
      .innerJoin(runs, eq(runs.runGroupId, runGroups.id))
      .where(eq(runs.id, source));
    await db.insert(runs).values({
      id,
      projectId: environment.projectId,
      datasetId,
      methodId: 'scsamac',
      runGroupId: group!.id,
      params: PARAMS,
      seed: SEED,
      attempts: 1,
    });

    const retried = await waitFor(
      () => runRow(id),
      (row) => TERMINAL.includes(row.status),
      { timeoutMs: 120_000, everyMs: 200, what: 'the retried run to finish' },
    );
    expect(retried).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    const lines = trainers.flatMap((trainer) => trainer.lines).join('\n');
    expect(lines).toContain(`run ${id} (scsamac, seed ${SEED}, attempt 2/3): resuming from the checkpoint`);
    expect(lines).toMatch(
      new RegExp(
        `run ${id} .*: checkpoint not used, training from scratch \\(scSAMAC resumeState: made with other options: pretrainAverage undefined there, 0.99 here\\)`,
      ),
    );
    // It pretrained, ended where the uninterrupted run did, and replaced the stale checkpoint with its own.
    expect(retried.timings).toHaveProperty('pretrain');
    expect(retried.timings).not.toHaveProperty('resume');
    const labels = async (runId: string) =>
      (await db.select({ labels: runOutputs.labels }).from(runOutputs).where(eq(runOutputs.runId, runId)))[0]!
        .labels;
    expect(await labels(id)).toEqual(await labels(source));
    const replaced = JSON.parse(
      new TextDecoder().decode(await storage.read(`runs/${id}/checkpoint/pretrained.json`)),
    ) as { options: Record<string, unknown> };
    expect(replaced.options.pretrainAverage).toBe(0.99);
  }, 400_000);
});

// Trains one claimed run: prepares its inputs, hands it to the trainer's worker thread, keeps the lease alive while it trains,
// watches for cancelling, the time limit and memory, and ends the run exactly one way.
import {
  datasets,
  LocalFileStorage,
  metricHistory,
  type Database,
  type FileStorage,
  type StoredFile,
} from '@scsamac/db';
import { eq } from 'drizzle-orm';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RunJob, RunOutcome } from './messages.js';
import { ProgressRecorder } from './progress-recorder.js';
import {
  appendHistory,
  cancelHeldRun,
  checkClaim,
  failRun,
  releaseRun,
  renewLease,
  type ClaimedRun,
  type HeartbeatAnswer,
} from './queue.js';
import { storeResults, type StoredArtifact } from './results-writer.js';
import type { TrainingThread } from './training-thread.js';

/** How the executor treats a run; the trainer passes the same settings to every run. */
export interface ExecutorSettings {
  /** A run whose lease is not renewed for this long is taken back by other trainers. */
  leaseMs: number;
  /** How often the lease is renewed (well under `leaseMs`). */
  heartbeatMs: number;
  /** How often the run's row is read for a cancel request; bounds how long cancelling takes. */
  cancelPollMs: number;
  /** Metric history and progress are written at most this often. */
  historyFlushMs: number;
  /** A run training longer than this fails with a time-limit reason. */
  timeLimitMs: number;
  /** Folder for per-run scratch files (downloaded inputs, checkpoints, outputs). */
  scratchDir: string;
  log: (message: string) => void;
}

/** How a run ended, from this trainer's point of view. */
export type RunEnding = 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'LOST' | 'RELEASED';

type Ending =
  | { kind: 'result'; outcome: RunOutcome }
  | { kind: 'failed'; reason: string }
  | { kind: 'cancel' }
  | { kind: 'lost' }
  | { kind: 'stopped' };

/** Where the checkpoint of a run lives in the file storage (shared by all attempts, so a retry can resume). */
function checkpointPrefix(runId: string): string {
  return `runs/${runId}/checkpoint`;
}

interface CheckpointManifest {
  files: { fileName: string; stored: StoredFile }[];
}

/** A local path of the stored file: the file itself for local storage, else a download into `dir`. */
async function localCopy(storage: FileStorage, key: string, fileName: string, dir: string): Promise<string> {
  if (storage instanceof LocalFileStorage) return path.join(storage.root, ...key.split('/'));
  const target = path.join(dir, path.basename(fileName));
  await pipeline(await storage.get(key), createWriteStream(target));
  return target;
}

/** Fetches the checkpoint an earlier attempt stored, into `dir`; returns its files, or null when there is none. */
async function fetchCheckpoint(
  storage: FileStorage,
  runId: string,
  dir: string,
): Promise<StoredArtifact[] | null> {
  const manifestKey = `${checkpointPrefix(runId)}/manifest.json`;
  if (!(await storage.stat(manifestKey))) return null;
  const manifest = JSON.parse(
    new TextDecoder().decode(await storage.read(manifestKey)),
  ) as CheckpointManifest;
  for (const file of manifest.files) {
    await writeFile(path.join(dir, file.fileName), await storage.read(file.stored.key));
  }
  return manifest.files.map((file) => ({
    kind: 'checkpoint',
    fileName: file.fileName,
    contentType: 'application/octet-stream',
    stored: file.stored,
  }));
}

/** Stores the checkpoint files the thread saved in `dir`, then the manifest that makes them visible to retries. */
async function storeCheckpoint(
  storage: FileStorage,
  runId: string,
  dir: string,
  fileNames: string[],
): Promise<StoredArtifact[]> {
  const files: CheckpointManifest['files'] = [];
  for (const fileName of fileNames) {
    const stored = await storage.put(
      `${checkpointPrefix(runId)}/${fileName}`,
      await readFile(path.join(dir, fileName)),
    );
    files.push({ fileName, stored });
  }
  // The manifest goes last: a retry only resumes from a checkpoint whose every file is in place.
  await storage.put(
    `${checkpointPrefix(runId)}/manifest.json`,
    new TextEncoder().encode(JSON.stringify({ files } satisfies CheckpointManifest)),
  );
  return files.map((file) => ({
    kind: 'checkpoint',
    fileName: file.fileName,
    contentType: 'application/octet-stream',
    stored: file.stored,
  }));
}

/** `2500` -> `2.5 s`, `7_200_000` -> `7200 s`. */
function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Trains `run` (already claimed by this trainer) to its end and records that end in the database. `stop` aborts
 * when the trainer shuts down: the run then goes back to the queue. Never throws for a run's own failure; a
 * database outage while finishing is logged and left to the lease reaper.
 */
export async function executeRun(
  db: Database,
  storage: FileStorage,
  run: ClaimedRun,
  thread: TrainingThread,
  settings: ExecutorSettings,
  stop: AbortSignal,
): Promise<RunEnding> {
  const started = performance.now();
  const label = `run ${run.id} (${run.methodId}, seed ${run.seed}, attempt ${run.attempt}/${run.maxAttempts})`;
  const scratch = path.join(settings.scratchDir, `${run.id}-${run.attempt}-${process.pid}`);
  const checkpointDir = path.join(scratch, 'checkpoint');
  const outputDir = path.join(scratch, 'output');
  const recorder = new ProgressRecorder();
  let peakMemoryBytes = process.memoryUsage.rss();
  const samplePeak = () => {
    peakMemoryBytes = Math.max(peakMemoryBytes, process.memoryUsage.rss());
  };
  let ticker: NodeJS.Timeout | undefined;
  let timeLimit: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  settings.log(`trainer: ${label}: started`);

  try {
    await mkdir(checkpointDir, { recursive: true });
    await mkdir(outputDir, { recursive: true });
    const [dataset] = await db
      .select({
        storageKey: datasets.storageKey,
        fileName: datasets.fileName,
        format: datasets.format,
        labelColumn: datasets.labelColumn,
      })
      .from(datasets)
      .where(eq(datasets.id, run.datasetId));
    if (!dataset)
      return await finishFailed(db, run, 'the dataset of this run no longer exists', settings, label);

    let checkpoint: StoredArtifact[] = [];
    let resume = false;
    if (run.attempt > 1) {
      // A retry starts a fresh history; the earlier attempt's rows would interleave with this one's.
      await db.delete(metricHistory).where(eq(metricHistory.runId, run.id));
      const fetched = await fetchCheckpoint(storage, run.id, checkpointDir).catch((error: Error) => {
        settings.log(`trainer: ${label}: checkpoint unreadable, training from scratch (${error.message})`);
        return null;
      });
      if (fetched) {
        checkpoint = fetched;
        resume = true;
        settings.log(`trainer: ${label}: resuming from the checkpoint of an earlier attempt`);
      }
    }
    const datasetPath = await localCopy(storage, dataset.storageKey, dataset.fileName, scratch);
    const job: RunJob = {
      runId: run.id,
      attempt: run.attempt,
      methodId: run.methodId,
      params: run.params,
      seed: run.seed,
      dataset: { path: datasetPath, format: dataset.format || null, labelColumn: dataset.labelColumn },
      checkpoint: { dir: checkpointDir, resume },
      outputDir,
    };

    let pendingCheckpoint: Promise<void> = Promise.resolve();
    const ending = await new Promise<Ending>((resolve) => {
      let ended = false;
      const end = (value: Ending) => {
        if (ended) return;
        ended = true;
        resolve(value);
      };
      const running = thread.run(job, (message) => {
        samplePeak();
        if (message.type === 'progress') recorder.record(message.event);
        else if (message.type === 'notice') settings.log(`trainer: ${label}: ${message.message}`);
        else {
          pendingCheckpoint = storeCheckpoint(storage, run.id, checkpointDir, message.files).then(
            (stored) => {
              checkpoint = stored;
              settings.log(`trainer: ${label}: checkpoint stored after pretraining`);
            },
            (error: Error) =>
              settings.log(`trainer: ${label}: could not store the checkpoint: ${error.message}`),
          );
        }
      });
      void running.ending.then((jobEnding) => {
        samplePeak();
        if (jobEnding.kind === 'result') end({ kind: 'result', outcome: jobEnding.outcome });
        else end({ kind: 'failed', reason: jobEnding.reason });
      });

      timeLimit = setTimeout(
        () =>
          end({
            kind: 'failed',
            reason: `time limit exceeded: the run trained for more than ${formatSeconds(settings.timeLimitMs)}`,
          }),
        settings.timeLimitMs,
      );
      onStop = () => end({ kind: 'stopped' });
      if (stop.aborted) onStop();
      stop.addEventListener('abort', onStop);

      // One tick at a time: a slow database must not pile up overlapping heartbeats.
      let lastRenew = performance.now();
      let lastContact = performance.now();
      // History and progress go out at most once per historyFlushMs; the first as soon as there is any.
      let lastFlush = -Infinity;
      let lastProgress = -Infinity;
      const tick = async () => {
        samplePeak();
        const now = performance.now();
        let answer: HeartbeatAnswer;
        try {
          if (now - lastFlush >= settings.historyFlushMs) {
            const rows = recorder.takeRows();
            if (rows.length > 0) {
              lastFlush = now;
              try {
                await appendHistory(db, run, rows);
              } catch (error) {
                recorder.restoreRows(rows);
                throw error;
              }
            }
          }
          const progress =
            now - lastProgress >= settings.historyFlushMs ? recorder.takeProgress() : undefined;
          if (progress || now - lastRenew >= settings.heartbeatMs) {
            answer = await renewLease(db, run, settings.leaseMs, progress);
            lastRenew = now;
            if (progress) lastProgress = now;
          } else {
            answer = await checkClaim(db, run);
          }
        } catch (error) {
          // The database may come back before the lease runs out. Once it has run out, another trainer may hold
          // the run, so this one stops (the reaper re-queues the run if nobody took it).
          settings.log(`trainer: ${label}: heartbeat failed: ${(error as Error).message}`);
          if (performance.now() - lastContact > settings.leaseMs) end({ kind: 'lost' });
          return;
        }
        lastContact = now;
        if (answer.state === 'lost') end({ kind: 'lost' });
        else if (answer.cancelRequested) end({ kind: 'cancel' });
      };
      const schedule = () => {
        ticker = setTimeout(() => {
          void tick().finally(() => {
            if (!ended) schedule();
          });
        }, settings.cancelPollMs);
      };
      schedule();
    });

    clearTimeout(ticker);
    clearTimeout(timeLimit);
    // Stop the thread before writing when it is still computing (cancel, time limit, lost lease, shutdown): a
    // cancelled run must not keep the CPU busy. A thread that ended its job itself is kept for the next run.
    if (!thread.usable) await thread.terminate();
    await pendingCheckpoint;
    samplePeak();
    const seconds = (performance.now() - started) / 1000;
    // Progress of the last second has not been written yet; a method's own history replaces it on success anyway.
    const lastRows = recorder.takeRows();
    if (ending.kind !== 'lost' && !(ending.kind === 'result' && ending.outcome.history.length > 0)) {
      await appendHistory(db, run, lastRows).catch((error: Error) =>
        settings.log(`trainer: ${label}: could not write the last progress: ${error.message}`),
      );
    }

    switch (ending.kind) {
      case 'result': {
        const stored = await storeResults(
          db,
          storage,
          run,
          ending.outcome,
          { peakMemoryBytes, extraTimings: { trainer: seconds } },
          outputDir,
          checkpoint,
        );
        if (stored === 'stored') {
          settings.log(`trainer: ${label}: SUCCEEDED in ${seconds.toFixed(1)} s`);
          return 'SUCCEEDED';
        }
        if (stored === 'cancel-requested') return await finishCancelled(db, run, settings, label);
        settings.log(`trainer: ${label}: finished, but another trainer holds the run now; results dropped`);
        return 'LOST';
      }
      case 'failed':
        return await finishFailed(db, run, ending.reason, settings, label);
      case 'cancel':
        return await finishCancelled(db, run, settings, label);
      case 'lost':
        settings.log(`trainer: ${label}: lease lost to another trainer; stopped`);
        return 'LOST';
      case 'stopped':
        await releaseRun(db, run);
        settings.log(`trainer: ${label}: trainer stopping; run returned to the queue`);
        return 'RELEASED';
    }
    return 'LOST';
  } catch (error) {
    // Anything unexpected on the trainer's side (storage, database): fail the run with the message if we can.
    await thread.terminate();
    const reason = `trainer error: ${(error as Error).message}`;
    try {
      return await finishFailed(db, run, reason, settings, label);
    } catch (dbError) {
      settings.log(`trainer: ${label}: ${reason}; could not record it: ${(dbError as Error).message}`);
      return 'LOST';
    }
  } finally {
    clearTimeout(ticker);
    clearTimeout(timeLimit);
    if (onStop) stop.removeEventListener('abort', onStop);
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function finishFailed(
  db: Database,
  run: ClaimedRun,
  reason: string,
  settings: ExecutorSettings,
  label: string,
): Promise<RunEnding> {
  if (await failRun(db, run, reason)) {
    settings.log(`trainer: ${label}: FAILED: ${reason}`);
    return 'FAILED';
  }
  settings.log(`trainer: ${label}: failed (${reason}), but the run is no longer ours`);
  return 'LOST';
}

async function finishCancelled(
  db: Database,
  run: ClaimedRun,
  settings: ExecutorSettings,
  label: string,
): Promise<RunEnding> {
  if (await cancelHeldRun(db, run)) {
    settings.log(`trainer: ${label}: CANCELLED`);
    return 'CANCELLED';
  }
  return 'LOST';
}

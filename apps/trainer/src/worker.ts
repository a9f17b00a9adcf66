// The trainer service: claims queued runs from the shared database and trains each in a worker thread. Any number of
// trainers (in `npm start`'s process, or `npm run trainer` processes on other machines) share one queue.
import type { Connection, FileStorage } from '@scsamac/db';
import { checkHealth, openFileStorage } from '@scsamac/db';
import { randomBytes } from 'node:crypto';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { claimNextRun, requeueExpiredRuns } from './worker/queue.js';
import { executeRun, type ExecutorSettings } from './worker/run-executor.js';
import { TrainingThread } from './worker/training-thread.js';

/** A trainer loop that is running, and how to stop it. */
export interface RunningTrainer {
  /** This trainer's name in the `runs.worker` column. */
  name: string;
  /**
   * Stops claiming; a run in training is stopped and returned to the queue (without using up an attempt).
   * Resolves once the trainer is idle.
   */
  stop(): Promise<void>;
}

/** Options of the trainer loop. Times are in milliseconds. */
export interface TrainerOptions {
  /** How often to look for queued work (and for runs whose trainer died). */
  pollMs: number;
  /** Called with each state change, for logs. */
  log?: (message: string) => void;
  /** Where datasets and artifacts live; `.data/files` when absent. */
  storage?: FileStorage;
  /** Name recorded on claimed runs; `<host>:<pid>:<random>` when absent. */
  name?: string;
  /** Runs trained at once by this trainer (each in its own thread). Default 1. */
  concurrency?: number;
  /** Lease of a claimed run; a trainer silent for this long loses its run to another. Default 30 s. */
  leaseMs?: number;
  /** How often a held lease is renewed. Default a sixth of the lease. */
  heartbeatMs?: number;
  /** How often a held run is checked for a cancel request. Default 500 ms (cancelling takes effect within 2 s). */
  cancelPollMs?: number;
  /** A run training longer than this fails. Default 6 h. */
  timeLimitMs?: number;
  /** Heap limit of each training thread. Default 4,096 MB. */
  maxHeapMb?: number;
  /** Runs a training thread trains before it is replaced by a fresh one. Default 25. */
  maxRunsPerThread?: number;
  /** The training thread's module; tests may swap it. Default `worker/thread.ts`. */
  threadEntry?: URL;
}

/** Defaults of the optional {@link TrainerOptions}. */
export const trainerDefaults = {
  concurrency: 1,
  leaseMs: 30_000,
  cancelPollMs: 500,
  timeLimitMs: 6 * 3600_000,
  maxHeapMb: 4096,
  maxRunsPerThread: 25,
} as const;

/**
 * Starts claiming and training queued runs on `connection` until stopped. Each loop turn first re-queues runs whose
 * lease expired (their trainer died), then claims runs up to `concurrency`.
 */
export async function startTrainer(connection: Connection, options: TrainerOptions): Promise<RunningTrainer> {
  const log = options.log ?? (() => {});
  const health = await checkHealth(connection);
  const name = options.name ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const storage = options.storage ?? openFileStorage();
  const leaseMs = options.leaseMs ?? trainerDefaults.leaseMs;
  const settings: ExecutorSettings = {
    leaseMs,
    heartbeatMs: options.heartbeatMs ?? Math.max(100, Math.floor(leaseMs / 6)),
    cancelPollMs: options.cancelPollMs ?? trainerDefaults.cancelPollMs,
    historyFlushMs: 1000,
    timeLimitMs: options.timeLimitMs ?? trainerDefaults.timeLimitMs,
    scratchDir: path.join(tmpdir(), 'scsamac-trainer'),
    log,
  };
  const threadEntry = options.threadEntry ?? new URL('./worker/thread.ts', import.meta.url);
  const maxHeapMb = options.maxHeapMb ?? trainerDefaults.maxHeapMb;
  const concurrency = Math.max(1, options.concurrency ?? trainerDefaults.concurrency);
  const maxJobsPerThread = options.maxRunsPerThread ?? trainerDefaults.maxRunsPerThread;
  log(`trainer ${name}: connected to ${health.kind}, waiting for work`);

  const stopping = new AbortController();
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  /** Starts a training thread and waits until it has loaded its modules; null when stopping meanwhile. */
  const readyThread = async (slot: number): Promise<TrainingThread | null> => {
    while (!stopping.signal.aborted) {
      const started = performance.now();
      const thread = TrainingThread.start(threadEntry, maxHeapMb);
      const aborted = new Promise<'stopped'>((resolve) =>
        stopping.signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
      );
      try {
        if ((await Promise.race([thread.ready.then(() => 'ready' as const), aborted])) === 'stopped') {
          await thread.terminate();
          return null;
        }
        log(
          `trainer ${name}: training thread ${slot} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        return thread;
      } catch (error) {
        log(`trainer ${name}: training thread ${slot} failed to start: ${(error as Error).message}`);
        await thread.terminate();
        await sleep(Math.max(options.pollMs, 1000));
      }
    }
    return null;
  };

  // Each slot owns one thread and trains one run at a time: claim only with a ready thread, so the seconds of
  // loading never count against a run's lease or time limit.
  const slotLoop = async (slot: number) => {
    let thread: TrainingThread | null = null;
    while (!stopping.signal.aborted) {
      if (thread && thread.usable && thread.jobs >= maxJobsPerThread) {
        // A fresh thread now and then returns whatever a long series of runs left behind (caches, leaks).
        await thread.terminate();
      }
      if (!thread?.usable) {
        thread = await readyThread(slot);
        if (!thread) break;
      }
      let claimed = false;
      try {
        for (const reaped of await requeueExpiredRuns(connection.db)) {
          log(
            `trainer ${name}: run ${reaped.id} lost its trainer (attempt ${reaped.attempts}); now ${reaped.status}`,
          );
        }
        const run = await claimNextRun(connection.db, name, leaseMs);
        if (run) {
          claimed = true;
          await executeRun(connection.db, storage, run, thread, settings, stopping.signal);
        }
      } catch (error) {
        log(`trainer ${name}: queue error: ${(error as Error).message}`);
      }
      // After a run, look for the next one at once; an empty queue is polled every pollMs.
      if (!claimed && !stopping.signal.aborted) await sleep(options.pollMs);
    }
    await thread?.terminate();
  };
  const slots = Array.from({ length: concurrency }, (_, slot) => slotLoop(slot));

  return {
    name,
    stop: async () => {
      stopping.abort();
      for (const wake of [...sleepers]) wake();
      await Promise.all(slots);
    },
  };
}

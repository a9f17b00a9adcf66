// One long-lived worker thread that trains runs one after another. Loading the libraries a run needs (tfjs, h5wasm,
// every TypeScript module through tsx) takes seconds, on a busy machine a minute; a trainer therefore starts its
// thread before it claims anything and keeps it for the next run. A thread that had to be stopped (cancel, time
// limit, lost lease) or died (out of memory, crash) is replaced by a fresh one before the next claim.
import type { Worker } from 'node:worker_threads';
import type { HostMessage, RunJob, ThreadMessage } from './messages.js';
import { startTypeScriptWorker } from './spawn-thread.js';

/** How one job on the thread ended, as far as the thread can tell. */
export type JobEnding =
  | { kind: 'result'; outcome: Extract<ThreadMessage, { type: 'result' }>['outcome'] }
  | { kind: 'failed'; reason: string }
  /** The thread itself died; `reason` says why (out of memory, exit code). The thread is unusable. */
  | { kind: 'died'; reason: string };

/** A started job: its ending, and a way to stop waiting for it (the caller then terminates the thread). */
export interface RunningJob {
  ending: Promise<JobEnding>;
}

/** Messages of a job the caller sees while it runs (progress and checkpoints). */
export type JobListener = (
  message: Extract<ThreadMessage, { type: 'progress' | 'checkpoint' | 'notice' }>,
) => void;

/** A readable reason for an error the thread died of. */
function deathReason(error: Error & { code?: string }, maxHeapMb: number): string {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `out of memory: training needed more than the trainer's heap limit of ${maxHeapMb} MB`;
  }
  return `the training thread crashed: ${error.message || String(error)}`;
}

/** A worker thread that trains one job at a time. */
export class TrainingThread {
  private readonly worker: Worker;
  private dead: string | null = null;
  private busy = false;
  private started = 0;
  /** Resolves once the thread has loaded its modules; rejects if it dies first. */
  readonly ready: Promise<void>;
  private onDeath: ((reason: string) => void) | undefined;

  private constructor(
    entry: URL,
    private readonly maxHeapMb: number,
  ) {
    this.worker = startTypeScriptWorker(entry, {
      workerData: null,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    this.worker.on('error', (error) => this.die(deathReason(error, this.maxHeapMb)));
    this.worker.on('exit', (code) => {
      // Messages posted before the thread ended are delivered first, so a job that finished is already resolved.
      setImmediate(() => this.die(`the training thread stopped (exit code ${code}) without a result`));
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: ThreadMessage) => {
        if (message.type !== 'ready') return;
        this.worker.off('message', onMessage);
        resolve();
      };
      this.worker.on('message', onMessage);
      this.onDeath = (reason) => reject(new Error(reason));
    });
    // A thread that dies before anyone waits on `ready` must not raise an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Starts a thread running the module `entry` (which must say `ready`, then serve `run` messages). */
  static start(entry: URL, maxHeapMb: number): TrainingThread {
    return new TrainingThread(entry, maxHeapMb);
  }

  /** Jobs sent to this thread so far. */
  get jobs(): number {
    return this.started;
  }

  /** True while the thread can take a job. */
  get usable(): boolean {
    return this.dead === null && !this.busy;
  }

  private die(reason: string): void {
    if (this.dead !== null) return;
    this.dead = reason;
    this.onDeath?.(reason);
  }

  /** Sends `job` to the thread; `listen` gets its progress. The thread must be ready and idle. */
  run(job: RunJob, listen: JobListener): RunningJob {
    if (!this.usable) throw new Error('the training thread is busy or dead');
    this.busy = true;
    this.started++;
    const ending = new Promise<JobEnding>((resolve) => {
      const finish = (value: JobEnding) => {
        this.worker.off('message', onMessage);
        this.onDeath = undefined;
        if (value.kind !== 'died') this.busy = false;
        resolve(value);
      };
      const onMessage = (message: ThreadMessage) => {
        if (message.type === 'progress' || message.type === 'checkpoint' || message.type === 'notice')
          listen(message);
        else if (message.type === 'result') finish({ kind: 'result', outcome: message.outcome });
        else if (message.type === 'failed') finish({ kind: 'failed', reason: message.reason });
      };
      this.worker.on('message', onMessage);
      if (this.dead !== null) finish({ kind: 'died', reason: this.dead });
      this.onDeath = (reason) => finish({ kind: 'died', reason });
    });
    this.worker.postMessage({ type: 'run', job } satisfies HostMessage);
    return { ending };
  }

  /** Stops the thread at once (whatever it is computing); it is unusable afterwards. */
  async terminate(): Promise<void> {
    this.die('the training thread was stopped');
    // Resolves once the thread has stopped (at once if it already had).
    await this.worker.terminate();
  }
}

/**
 * A helper thread for the NB and ZINB losses' JavaScript pass (`countModelRows`). The NB pass is about a fifth of a
 * pretraining step on wasm (`npm run bench:step`) and runs on the main thread while wasm's own threads sit idle; with
 * wasm on two or more threads, the helper does the second half of the batch's rows at the same time. Each entry's
 * gradient comes from the same float64 arithmetic whichever thread computes it, and the helper hands back its terms
 * so that the loss sum is added in the single-thread order: the numbers are bit for bit those of one thread.
 *
 * The helper evaluates the source of `count-model-rows.ts`'s functions (no file to find, no TypeScript loader
 * to install in a worker) and waits on a shared flag. Whichever thread first claims the second half of a job (an
 * atomic compare-and-swap) does it: when the helper has not started it by the time the main thread has done the first
 * half (a helper still starting, or descheduled on a loaded machine), the main thread does it too, in the same row
 * order; else the main thread blocks until the helper's rows are done (the loss is computed inside a synchronous tfjs
 * op, so it cannot await).
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import {
  countModelRows,
  digammaValue,
  gammaDifferences,
  HALF_LOG_TWO_PI,
  logGamma,
  type CountModelRows,
} from './count-model-rows.js';

// Slots of the shared control array.
const REQUEST = 0; // incremented by the main thread per job
const DONE = 1; // set by the helper to the job it finished
const ROW_START = 2;
const ROW_END = 3;
const GENES = 4;
const FAILED = 5; // 1 when the helper threw
const ZERO_INFLATED = 6; // 1 for the ZINB pass
const CLAIMED = 7; // the last job whose second half a thread claimed
/** Long enough for any batch; a helper that does not answer in this time is dead, and the step fails. */
const TIMEOUT_MS = 120_000;

const helperSource = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const HALF_LOG_TWO_PI = ${HALF_LOG_TWO_PI};
${logGamma.toString()}
${digammaValue.toString()}
${gammaDifferences.toString()}
${countModelRows.toString()}
const control = new Int32Array(workerData.control);
const port = workerData.port;
let arrays = null;
let seen = 0;
for (;;) {
  Atomics.wait(control, ${REQUEST}, seen);
  seen = Atomics.load(control, ${REQUEST});
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) arrays = m.message;
  // The main thread took this job's rows itself: nothing to do, nobody waits.
  if (Atomics.compareExchange(control, ${CLAIMED}, seen - 1, seen) !== seen - 1) continue;
  try {
    const rowStart = control[${ROW_START}];
    countModelRows({
      logits: arrays.logits, counts: arrays.counts, sizeFactors: arrays.sizeFactors, gradient: arrays.gradient,
      terms: arrays.terms, limits: arrays.limits,
      genes: control[${GENES}], rowStart, rowEnd: control[${ROW_END}],
    }, control[${ZERO_INFLATED}] === 1);
  } catch (error) {
    Atomics.store(control, ${FAILED}, 1);
  }
  Atomics.store(control, ${DONE}, seen);
  Atomics.notify(control, ${DONE});
}`;

/**
 * Blocks until `control[index]` holds `value`; throws naming `who` after `timeoutMs` without a change. Each wait is
 * for a change from the value last seen: waiting on a fresh read instead would sleep through a store (and its
 * notify) made between the check and that read, until the timeout (it stalled a CI run's step for 120 s).
 */
export function waitForValue(
  control: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
  who: string,
): void {
  for (let seen = Atomics.load(control, index); seen !== value; seen = Atomics.load(control, index))
    if (Atomics.wait(control, index, seen, timeoutMs) === 'timed-out')
      throw new Error(`${who} did not answer within ${timeoutMs / 1000} s`);
}

/** Arrays on shared memory, sized for a batch shape; replaced (and sent to the helper) when a larger batch comes. */
interface SharedArrays {
  logits: Float32Array;
  counts: Float32Array;
  sizeFactors: Float32Array;
  gradient: Float32Array;
  terms: Float64Array;
  limits: Float64Array;
}

const sharedFloat32 = (length: number) => new Float32Array(new SharedArrayBuffer(length * 4));
const sharedFloat64 = (length: number) => new Float64Array(new SharedArrayBuffer(length * 8));

class Helper {
  private readonly control = new Int32Array(new SharedArrayBuffer(8 * 4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private arrays: SharedArrays | null = null;
  private job = 0;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(helperSource, {
      eval: true,
      workerData: { control: this.control.buffer, port: port2 },
      transferList: [port2],
    });
    // Neither keeps the process alive: the helper sleeps between jobs.
    this.worker.unref();
    this.port.unref();
  }

  private ensure(rows: number, genes: number, heads: number, limits: ArrayLike<number>): SharedArrays {
    const a = this.arrays;
    if (
      a &&
      a.logits.length >= rows * heads * genes &&
      a.counts.length >= rows * genes &&
      a.sizeFactors.length >= rows
    )
      return a;
    const arrays: SharedArrays = {
      logits: sharedFloat32(rows * heads * genes),
      counts: sharedFloat32(rows * genes),
      sizeFactors: sharedFloat32(rows),
      gradient: sharedFloat32(rows * heads * genes),
      terms: sharedFloat64(rows * genes),
      limits: Float64Array.from(limits),
    };
    this.port.postMessage(arrays);
    this.arrays = arrays;
    return arrays;
  }

  /** Rows [split, rows) of `r` on the helper, rows [0, split) here; the sum in row order, the gradient in place. */
  run(r: CountModelRows, zeroInflated: boolean): number {
    const { genes, rowStart, rowEnd } = r;
    const heads = zeroInflated ? 3 : 2;
    const split = rowStart + Math.ceil((rowEnd - rowStart) / 2);
    const a = this.ensure(rowEnd, genes, heads, r.limits);
    const from = split * genes;
    const to = rowEnd * genes;
    a.logits.set(r.logits.subarray(heads * from, heads * to), heads * from);
    a.counts.set(r.counts.subarray(from, to), from);
    a.sizeFactors.set(r.sizeFactors.subarray(split, rowEnd), split);
    this.control[ROW_START] = split;
    this.control[ROW_END] = rowEnd;
    this.control[GENES] = genes;
    this.control[ZERO_INFLATED] = zeroInflated ? 1 : 0;
    Atomics.store(this.control, FAILED, 0);
    const job = ++this.job;
    Atomics.store(this.control, REQUEST, job);
    Atomics.notify(this.control, REQUEST);

    let sum = countModelRows({ ...r, rowEnd: split, terms: null }, zeroInflated);

    if (Atomics.compareExchange(this.control, CLAIMED, job - 1, job) === job - 1) {
      // The helper has not started: the rest here, into the gradient and the shared terms as the helper would.
      countModelRows({ ...r, rowStart: split, terms: a.terms }, zeroInflated);
    } else {
      waitForValue(this.control, DONE, job, TIMEOUT_MS, 'count-model loss helper thread');
      if (Atomics.load(this.control, FAILED)) throw new Error('count-model loss helper thread failed');
      r.gradient.set(a.gradient.subarray(heads * from, heads * to), heads * from);
    }
    // The single-thread order: the second half's terms continue the first half's sum.
    for (let i = 0; i < to - from; i++) sum += a.terms[i];
    return sum;
  }
}

let helper: Helper | null = null;

/**
 * {@link countModelRows} with the second half of the rows on a helper thread when `threads` > 1 (the backend's
 * thread count), else all on this thread. Same sum and gradient either way.
 */
export function countModelRowsParallel(r: CountModelRows, zeroInflated: boolean, threads: number): number {
  if (threads < 2 || r.rowEnd - r.rowStart < 2) return countModelRows(r, zeroInflated);
  helper ??= new Helper();
  return helper.run(r, zeroInflated);
}

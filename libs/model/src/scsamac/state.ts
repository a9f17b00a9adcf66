/**
 * scSAMAC's states as plain, JSON-serialisable objects: a trained model (preprocessing constants, network weights
 * and cluster centres), and the checkpoint after pretraining that a retried run resumes from. libs/model stays
 * free of the file system: callers (the trainer, the CLI) write `JSON.stringify(state)` to a file and read it
 * back; `embed` and `predict` take the model, `cluster` takes the checkpoint as `hooks.resumeState`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { HistoryPoint } from '../methods/types.js';
import type { Network, NetworkShape, NetworkWeights } from '../nn/network.js';
import type { Random } from '../random.js';
import type { PreparedData } from './data.js';
import type { ScsamacOptions } from './options.js';

/** A Float32Array as base64 with its shape, so weights survive JSON. */
export interface SerialisedTensor {
  shape: number[];
  base64: string;
}

/** Everything needed to embed and assign new cells with a trained model. */
export interface ScsamacModelState {
  format: 'scsamac-model/1';
  shape: NetworkShape;
  /** Columns of the training input matrix the model reads, in model order. */
  genes: number[];
  /** Log-normalisation target (median library size of the training cells). */
  targetSum: number;
  geneMean: SerialisedTensor;
  geneInverseSd: SerialisedTensor;
  /** Seed of the content order new cells are batched in (data.ts, contentOrder); absent in older models: 0. */
  orderSeed?: number;
  batchSize: number;
  alpha: number;
  weights: Record<string, SerialisedTensor>;
  /** Cluster centres k x latent. */
  centres: SerialisedTensor;
}

/** Serialises a Float32Array with its shape. */
export function serialise(values: Float32Array, shape: number[]): SerialisedTensor {
  return {
    shape,
    base64: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64'),
  };
}

/** Restores a Float32Array from {@link serialise}'s form. */
export function deserialise(t: SerialisedTensor): Float32Array {
  const bytes = Buffer.from(t.base64, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** Reads every weight of a network into serialised form. */
export function serialiseWeights(weights: NetworkWeights): Record<string, SerialisedTensor> {
  const out: Record<string, SerialisedTensor> = {};
  for (const [name, v] of Object.entries(weights))
    out[name] = serialise(v.dataSync() as Float32Array, v.shape);
  return out;
}

/** Writes serialised weights into an existing network's variables (same shapes). */
export function assignWeights(weights: NetworkWeights, saved: Record<string, SerialisedTensor>): void {
  for (const [name, v] of Object.entries(weights)) {
    const s = saved[name];
    if (!s) throw new Error(`saved model lacks weight ${name}`);
    tf.tidy(() => v.assign(tf.tensor(deserialise(s), s.shape)));
  }
}

/**
 * One kind of call made on a seeded generator, `times` times in a row: the method, its argument (n of `int`, the
 * length of a `shuffle`, 0 otherwise) and the count. A list of them is a generator's position relative to a known
 * point, replayable with {@link replayRandom}; run-length encoded because pretraining repeats the same calls.
 */
export type RandomCall = [method: 'next' | 'int' | 'normal' | 'shuffle', argument: number, times: number];

/**
 * Wraps a generator so that the calls made on it while recording are listed. The wrapper draws from `random`
 * itself, so wrapping changes no number; `Random` keeps its state private, and replaying the calls is what
 * moves a fresh generator with the same seed to the same position.
 */
export function recordingRandom(random: Random): {
  random: Random;
  start(): void;
  stop(): RandomCall[];
} {
  let calls: RandomCall[] | null = null;
  const note = (method: RandomCall[0], argument: number) => {
    if (!calls) return;
    const last = calls[calls.length - 1];
    if (last && last[0] === method && last[1] === argument) last[2]++;
    else calls.push([method, argument, 1]);
  };
  return {
    random: {
      next: () => (note('next', 0), random.next()),
      int: (n) => (note('int', n), random.int(n)),
      normal: () => (note('normal', 0), random.normal()),
      shuffle: (values) => (note('shuffle', values.length), random.shuffle(values)),
    },
    start: () => void (calls = []),
    stop: () => {
      const recorded = calls ?? [];
      calls = null;
      return recorded;
    },
  };
}

/** Makes the calls listed by {@link recordingRandom} on `random`, discarding the numbers. */
export function replayRandom(random: Random, calls: RandomCall[]): void {
  for (const [method, argument, times] of calls)
    for (let i = 0; i < times; i++) {
      if (method === 'next') random.next();
      else if (method === 'int') random.int(argument);
      else if (method === 'normal') random.normal();
      else random.shuffle(new Uint8Array(argument));
    }
}

// /2: cells train in content order (data.ts), so a /1 state's generator position and batches no longer apply.
const PRETRAINED_FORMAT = 'scsamac-pretrained/2';

/**
 * scSAMAC right after pretraining, as plain JSON: what `onPretrained` hands out and `resumeState` takes back.
 * Preprocessing is recomputed on resume (it is deterministic and the clustering stage needs the matrices), so the
 * constants here identify the data the checkpoint belongs to; the weights, step count, history and the seeded
 * generator's position are what the clustering stage continues from.
 */
export interface ScsamacPretrainedState {
  format: typeof PRETRAINED_FORMAT;
  /** The run's options, all of them: a resumed run must be the run that was interrupted. */
  options: ScsamacOptions;
  shape: NetworkShape;
  /** Training cells (after filtering). */
  cells: number;
  genes: number[];
  targetSum: number;
  geneMean: SerialisedTensor;
  geneInverseSd: SerialisedTensor;
  weights: Record<string, SerialisedTensor>;
  /** Optimizer steps of pretraining and the ms they took (the Adam state is not needed: clustering starts its own). */
  steps: number;
  stepMs: number;
  /** Wall-clock seconds of pretraining, i.e. what resuming saves. */
  seconds: number;
  /** Calls pretraining made on the run's generator (batch shuffles, noise and mask offsets). */
  random: RandomCall[];
  history: HistoryPoint[];
}

const serialisedTensorSchema = z.object({ shape: z.array(z.number().int().min(0)), base64: z.string() });
const pretrainedStateSchema = z.object({
  format: z.string(),
  options: z.record(z.string(), z.unknown()),
  shape: z.record(z.string(), z.unknown()),
  cells: z.number().int(),
  genes: z.array(z.number().int()),
  targetSum: z.number(),
  geneMean: serialisedTensorSchema,
  geneInverseSd: serialisedTensorSchema,
  weights: z.record(z.string(), serialisedTensorSchema),
  steps: z.number().int().min(0),
  stepMs: z.number().min(0),
  seconds: z.number().min(0),
  random: z.array(
    z.tuple([z.enum(['next', 'int', 'normal', 'shuffle']), z.number().int().min(0), z.number().int().min(1)]),
  ),
  history: z.array(
    z.object({
      phase: z.enum(['pretrain', 'cluster', 'baseline']),
      epoch: z.number(),
      step: z.number(),
      key: z.string(),
      value: z.number(),
    }),
  ),
});

/** What a pretrained state must match: this run's options, prepared data and freshly built network. */
export interface PretrainedStateTarget {
  options: ScsamacOptions;
  data: PreparedData;
  network: Network;
}

function byteLength(t: SerialisedTensor): number {
  return Buffer.from(t.base64, 'base64').length;
}

/** The state of `network` and the run after pretraining, for `onPretrained`. */
export function pretrainedState(
  target: PretrainedStateTarget,
  run: Pick<ScsamacPretrainedState, 'steps' | 'stepMs' | 'seconds' | 'random' | 'history'>,
): ScsamacPretrainedState {
  const { data, network } = target;
  return {
    format: PRETRAINED_FORMAT,
    options: target.options,
    shape: network.shape,
    cells: data.counts.rows,
    genes: Array.from(data.genes),
    targetSum: data.targetSum,
    geneMean: serialise(data.geneMean, [data.geneMean.length]),
    geneInverseSd: serialise(data.geneInverseSd, [data.geneInverseSd.length]),
    weights: serialiseWeights(network.weights),
    ...run,
    history: run.history.map((point) => ({ ...point })),
  };
}

/**
 * A `resumeState` that is not a checkpoint of this run: another format version, other options (e.g. written by a
 * version with other defaults), other data or another network. The caller may train from scratch instead.
 */
export class ResumeStateError extends Error {
  override name = 'ResumeStateError';
}

/**
 * Checks that `state` is a pretrained scSAMAC state of this run (format, options, prepared data, network shape and
 * every weight's shape) and returns it typed. Throws a {@link ResumeStateError} starting `scSAMAC resumeState:` that
 * names the first mismatch; nothing is changed before it has passed.
 */
export function checkPretrainedState(state: unknown, target: PretrainedStateTarget): ScsamacPretrainedState {
  const fail = (problem: string): never => {
    throw new ResumeStateError(`scSAMAC resumeState: ${problem}`);
  };
  const format = (state as { format?: unknown } | null)?.format;
  if (format !== PRETRAINED_FORMAT)
    fail(`format is ${JSON.stringify(format)}, expected "${PRETRAINED_FORMAT}" (a state from onPretrained)`);
  const parsed = pretrainedStateSchema.safeParse(state);
  if (!parsed.success) fail(`malformed: ${z.prettifyError(parsed.error)}`);
  const s = state as ScsamacPretrainedState;
  const { options, data, network } = target;
  const changed = Object.keys({ ...options, ...s.options }).filter(
    (key) =>
      JSON.stringify(options[key as keyof ScsamacOptions]) !==
      JSON.stringify(s.options[key as keyof ScsamacOptions]),
  );
  if (changed.length > 0)
    fail(
      `made with other options: ${changed
        .map(
          (key) =>
            `${key} ${JSON.stringify(s.options[key as keyof ScsamacOptions])} there, ${JSON.stringify(options[key as keyof ScsamacOptions])} here`,
        )
        .join('; ')}`,
    );
  if (JSON.stringify(s.shape) !== JSON.stringify(network.shape))
    fail(`network shape ${JSON.stringify(s.shape)} differs from this run's ${JSON.stringify(network.shape)}`);
  if (s.cells !== data.counts.rows)
    fail(`made on ${s.cells} training cells, the prepared data has ${data.counts.rows}`);
  const genes = Array.from(data.genes);
  if (s.genes.length !== genes.length || s.genes.some((gene, i) => gene !== genes[i]))
    fail(`made on other genes (${s.genes.length} kept there, ${genes.length} here, or other columns)`);
  // Same genes but other counts would still pass the checks above; the preprocessing constants tell them apart.
  if (
    s.targetSum !== data.targetSum ||
    s.geneMean.base64 !== serialise(data.geneMean, [data.geneMean.length]).base64 ||
    s.geneInverseSd.base64 !== serialise(data.geneInverseSd, [data.geneInverseSd.length]).base64
  )
    fail('made on other data: the preprocessing constants (library size, gene means or sds) differ');
  const names = Object.keys(network.weights);
  const unknown = Object.keys(s.weights).filter((name) => !(name in network.weights));
  if (unknown.length > 0) fail(`has weights this network lacks: ${unknown.join(', ')}`);
  for (const name of names) {
    const saved = s.weights[name];
    if (!saved) fail(`lacks weight ${name}`);
    const expected = network.weights[name].shape;
    const size = expected.reduce((a, b) => a * b, 1);
    if (JSON.stringify(saved.shape) !== JSON.stringify(expected) || byteLength(saved) !== 4 * size)
      fail(
        `weight ${name} has shape ${JSON.stringify(saved.shape)} (${byteLength(saved) / 4} values), expected ${JSON.stringify(expected)}`,
      );
  }
  return s;
}

/**
 * scSAMAC training: pretraining (NB/ZINB reconstruction of a noisy input + contrastive loss between the clean and
 * the saliency-masked view), centre initialisation on the latent space, and the clustering stage (soft k-means +
 * Wasserstein(p, q) + reconstruction + cluster-level contrastive loss, Adadelta, target refreshed every epoch).
 * Loss values stay on the device during an epoch and are read once per epoch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { clusterBalanceLoss } from '../losses/cluster-balance.js';
import { clusterContrastiveLoss } from '../losses/cluster-contrastive.js';
import { contrastiveLoss } from '../losses/contrastive.js';
import { klDivergenceLoss } from '../losses/kl-divergence.js';
import { countModelLossFromLogits } from '../losses/count-model-logits.js';
import { softKMeansLoss } from '../losses/soft-kmeans.js';
import { wassersteinLoss } from '../losses/wasserstein.js';
import type { CsrMatrix } from '../matrix.js';
import type { HistoryPoint, MethodHooks, ProgressEvent } from '../methods/types.js';
import { dense } from '../nn/dense.js';
import { addLinear, Network, type NetworkWeights } from '../nn/network.js';
import { RandomBank } from '../nn/random-bank.js';
import { WeightAverage } from '../nn/weight-average.js';
import type { Random } from '../random.js';
import { softAssignment, softAssignmentValues } from './assignments.js';
import { countBatch, epochBatches, orderedBatches, standardisedBatch, type PreparedData } from './data.js';
import { saliencyMask } from './masking.js';
import type { ScsamacOptions } from './options.js';

/** Shared state of one training run. */
export interface Trainer {
  data: PreparedData;
  network: Network;
  options: ScsamacOptions;
  random: Random;
  /** Pre-drawn normals/uniforms for input noise, masking and attention dropout. */
  bank: RandomBank;
  history: HistoryPoint[];
  hooks: MethodHooks;
  /** Wall-clock ms spent in optimiser steps and their count, for the benchmark's ms per step. */
  stepMs: number;
  steps: number;
}

/** What a step's loss reads of a run: the network, the options and the random bank (not the data or the hooks). */
export type StepContext = Pick<Trainer, 'network' | 'options' | 'bank'>;

/** One batch on the device: standardised input, raw counts, size factors and the sum of log(count!) of its rows. */
export interface BatchTensors {
  x: tf.Tensor2D;
  counts: tf.Tensor2D;
  sizeFactors: tf.Tensor2D;
  logFactorialSum: number;
}

function batchTensors(data: PreparedData, rows: Int32Array): BatchTensors {
  const g = data.counts.cols;
  const x = tf.tensor2d(standardisedBatch(data.logNormalised, data.geneMean, data.geneInverseSd, rows), [
    rows.length,
    g,
  ]);
  const counts = tf.tensor2d(countBatch(data.counts, rows), [rows.length, g]);
  const sizeFactors = tf.tensor2d(
    Float32Array.from(rows, (r) => data.sizeFactors[r]),
    [rows.length, 1],
  );
  let logFactorialSum = 0;
  for (const r of rows) logFactorialSum += data.logFactorials[r];
  return { x, counts, sizeFactors, logFactorialSum };
}

function disposeBatch(b: BatchTensors): void {
  b.x.dispose();
  b.counts.dispose();
  b.sizeFactors.dispose();
}

/** Throws an AbortError when the run was cancelled; yields to the event loop so an abort can arrive. */
export async function checkpoint(signal?: AbortSignal): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (signal?.aborted) {
    const error = new Error('scSAMAC run aborted');
    error.name = 'AbortError';
    throw error;
  }
}

/** Reconstruction loss (NB or ZINB) of the noisy branch, from the decoder's raw outputs. */
function reconstructionLoss(t: StepContext, z: tf.Tensor2D, b: BatchTensors): tf.Scalar {
  return countModelLossFromLogits(
    b.counts,
    t.network.decodeLogits(z),
    b.sizeFactors,
    b.logFactorialSum,
    t.network.shape.zeroInflated,
  );
}

/** Stacks the views a step needs: [noisy, clean, masked?] rows, encoded together (attention within each view). */
function encodeViews(
  t: StepContext,
  b: BatchTensors,
  withClean: boolean,
  withMasked: boolean,
): tf.Tensor2D[] {
  const o = t.options;
  const views: tf.Tensor2D[] = [tf.add(b.x, t.bank.normal(b.x.shape, o.inputNoise))];
  if (withClean) views.push(b.x);
  if (withMasked) {
    const masking = { thresholds: o.maskThresholds, probabilities: o.maskProbabilities };
    views.push(saliencyMask(b.x, masking, t.bank.uniform([b.x.shape[1]])));
  }
  const input = views.length === 1 ? views[0] : (tf.concat(views, 0) as tf.Tensor2D);
  const z = t.network.encode(input, views.length, o.attentionDropout, (shape, rate) =>
    t.bank.dropoutMask(shape, rate),
  );
  // tfjs cannot differentiate a one-way split: with the noisy view alone, z is that view.
  return views.length === 1 ? [z] : (tf.split(z, views.length, 0) as tf.Tensor2D[]);
}

/** Sums scalars kept across steps of an epoch, on the device. */
class LossAccumulator {
  private sums = new Map<string, tf.Scalar>();
  count = 0;

  add(parts: Record<string, tf.Scalar>): void {
    for (const [key, value] of Object.entries(parts)) {
      const previous = this.sums.get(key);
      this.sums.set(key, previous ? tf.tidy(() => tf.add(previous, value)) : tf.keep(value.clone()));
      previous?.dispose();
      value.dispose();
    }
    this.count++;
  }

  /** Frees what an interrupted epoch left. */
  dispose(): void {
    for (const sum of this.sums.values()) sum.dispose();
    this.sums.clear();
  }

  /** Mean of each loss over the epoch's steps (one device read), and resets. */
  read(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, sum] of this.sums) {
      out[key] = (sum.dataSync()[0] as number) / Math.max(this.count, 1);
      sum.dispose();
    }
    this.sums.clear();
    this.count = 0;
    return out;
  }
}

function record(
  t: Trainer,
  phase: HistoryPoint['phase'],
  epoch: number,
  losses: Record<string, number>,
): void {
  for (const [key, value] of Object.entries(losses))
    t.history.push({ phase, epoch, step: t.steps, key, value });
}

function report(t: Trainer, event: ProgressEvent): void {
  t.hooks.onProgress?.(event);
}

/** A step's loss terms, each with the weight it enters the total with. */
export type LossParts = Record<string, { value: tf.Scalar; weight: number }>;

/** The sum of the parts times their weights (parts of weight 0 are left out). */
export function weightedTotal(parts: LossParts): tf.Scalar {
  let total: tf.Scalar | null = null;
  for (const { value, weight } of Object.values(parts)) {
    if (weight === 0) continue;
    const weighted = tf.mul(value, weight) as tf.Scalar;
    total = total ? (tf.add(total, weighted) as tf.Scalar) : weighted;
  }
  if (!total) throw new Error('scSAMAC step: every loss term has weight 0');
  return total;
}

/** Runs one optimiser step of `lossParts` (summed with their weights) and keeps the weighted parts' values. */
function step(
  t: Trainer,
  optimizer: tf.Optimizer,
  varList: tf.Variable[],
  lossParts: () => LossParts,
  accumulator: LossAccumulator,
): void {
  const started = performance.now();
  const kept: Record<string, tf.Scalar> = {};
  optimizer.minimize(
    () => {
      const parts = lossParts();
      for (const [key, { value }] of Object.entries(parts)) kept[key] = tf.keep(value);
      const total = weightedTotal(parts);
      kept.total = tf.keep(total.clone());
      return total;
    },
    false,
    varList,
  );
  accumulator.add(kept);
  t.stepMs += performance.now() - started;
  t.steps++;
}

/**
 * Batches per epoch for `cells` cells, and the optimizer steps of each stage: the epoch options, where set, times
 * the batches per epoch, else the step options.
 */
export function stepBudgets(
  o: ScsamacOptions,
  cells: number,
): { batchesPerEpoch: number; pretrain: number; cluster: number } {
  const batchesPerEpoch = orderedBatches(cells, o.batchSize).length;
  return {
    batchesPerEpoch,
    pretrain: o.pretrainEpochs !== null ? o.pretrainEpochs * batchesPerEpoch : o.pretrainSteps,
    cluster: o.maxEpochs !== null ? o.maxEpochs * batchesPerEpoch : o.clusterSteps,
  };
}

/**
 * The loss terms of one pretraining step: the reconstruction (NB or ZINB) of the noisy view and, unless ablated,
 * mu * the contrastive loss between the clean and the saliency-masked view. Exported for bench/profile-step.ts,
 * which times exactly this step.
 */
export function pretrainLossParts(t: StepContext, b: BatchTensors): LossParts {
  const o = t.options;
  const [noisy, clean, masked] = encodeViews(t, b, o.contrastive, o.contrastive);
  const parts: LossParts = { reconstruction: { value: reconstructionLoss(t, noisy, b), weight: 1 } };
  if (o.contrastive)
    parts.contrastive = {
      value: contrastiveLoss(clean, masked, { temperature: o.temperature }),
      weight: o.contrastiveWeight,
    };
  return parts;
}

/** Pretraining: a fixed budget of optimizer steps (Adam), reconstruction + mu * contrastive. */
export async function pretrain(t: Trainer, progressBase: number, progressSpan: number): Promise<void> {
  const o = t.options;
  const n = t.data.counts.rows;
  const perEpoch = epochBatches(n, o.batchSize, t.random).length;
  const budget = stepBudgets(o, n).pretrain;
  const epochs = Math.ceil(budget / perEpoch);
  const optimizer = tf.train.adam(o.pretrainLearningRate);
  const varList = t.network.variables();
  const accumulator = new LossAccumulator();
  const average = o.pretrainAverage > 0 ? new WeightAverage(varList, o.pretrainAverage) : null;
  let done = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const rows of epochBatches(n, o.batchSize, t.random)) {
        if (done >= budget) break;
        const b = batchTensors(t.data, rows);
        step(t, optimizer, varList, () => pretrainLossParts(t, b), accumulator);
        disposeBatch(b);
        if (average) {
          // Part of the step's cost: counted in the ms per step.
          const started = performance.now();
          average.update();
          t.stepMs += performance.now() - started;
        }
        done++;
      }
      const losses = accumulator.read();
      record(t, 'pretrain', epoch, losses);
      report(t, {
        phase: 'pretrain',
        epoch: epoch + 1,
        totalEpochs: epochs,
        fraction: progressBase + (progressSpan * (epoch + 1)) / epochs,
        losses,
      });
      await checkpoint(t.hooks.signal);
    }
    average?.assign();
  } finally {
    optimizer.dispose();
    accumulator.dispose();
    average?.dispose();
  }
}

/**
 * Latent z [rows x latent] of the rows of a log-normalised matrix, standardised with `mean` and `inverseSd`, without
 * noise or dropout, in fixed batches of consecutive rows.
 */
export function embedRows(
  network: Network,
  logNormalised: CsrMatrix,
  mean: Float32Array,
  inverseSd: Float32Array,
  batchSize: number,
): Float32Array {
  const out = new Float32Array(logNormalised.rows * network.shape.latent);
  let offset = 0;
  for (const rows of orderedBatches(logNormalised.rows, batchSize)) {
    const z = tf.tidy(() =>
      network.encode(
        tf.tensor2d(standardisedBatch(logNormalised, mean, inverseSd, rows), [
          rows.length,
          logNormalised.cols,
        ]),
        1,
        0,
      ),
    );
    out.set(z.dataSync(), offset);
    offset += z.size;
    z.dispose();
  }
  return out;
}

/** Latent z of every training cell [n, latent] (see {@link embedRows}). */
export function embedAll(network: Network, data: PreparedData, batchSize: number): Float32Array {
  return embedRows(network, data.logNormalised, data.geneMean, data.geneInverseSd, batchSize);
}

/** Trainable parts of the clustering stage besides the network: centres and the cluster-level projection head. */
export interface ClusterHead {
  centres: tf.Variable<tf.Rank.R2>;
  weights: NetworkWeights;
}

/** Creates the centres variable (from `centres`, k x latent) and the projection head z -> k. */
export function createClusterHead(
  centres: Float32Array,
  k: number,
  latent: number,
  random: Random,
): ClusterHead {
  const weights: NetworkWeights = {};
  addLinear(weights, random, 'project', latent, k);
  const initial = tf.tensor2d(centres, [k, latent]);
  const variable = tf.variable(initial) as tf.Variable<tf.Rank.R2>;
  initial.dispose();
  return { centres: variable, weights };
}

/** Soft assignments q [n, k] of all training cells (embedding once). */
export function assignAll(t: Trainer, head: ClusterHead): { z: Float32Array; q: Float32Array } {
  const z = embedAll(t.network, t.data, t.options.batchSize);
  return { z, q: softAssignmentValues(z, t.network.shape.latent, head.centres, t.options.alpha) };
}

/** One epoch of the clustering stage over shuffled batches, given the epoch's target p [n, k]. */
export function clusterEpoch(
  t: Trainer,
  head: ClusterHead,
  target: Float32Array,
  optimizer: tf.Optimizer,
  accumulator: LossAccumulator,
  stepsLeft: number,
): number {
  const o = t.options;
  const k = head.centres.shape[0];
  const n = t.data.counts.rows;
  const varList = [...t.network.variables(), head.centres, ...Object.values(head.weights)];
  let done = 0;
  for (const rows of epochBatches(n, o.batchSize, t.random)) {
    if (done >= stepsLeft) break;
    const b = batchTensors(t.data, rows);
    const pRows = new Float32Array(rows.length * k);
    rows.forEach((r, i) => pRows.set(target.subarray(r * k, (r + 1) * k), i * k));
    const p = tf.tensor2d(pRows, [rows.length, k]);
    step(
      t,
      optimizer,
      varList,
      () => {
        const [noisy, clean, masked] = encodeViews(t, b, true, o.clusterLevel);
        const q = softAssignment(clean, head.centres, o.alpha);
        const parts: LossParts = {
          reconstruction: { value: reconstructionLoss(t, noisy, b), weight: o.reconstructionWeight },
          softKMeans: { value: softKMeansLoss(clean, head.centres), weight: o.softKMeansWeight },
          wasserstein: { value: wassersteinLoss(p, q), weight: o.wassersteinWeight },
        };
        if (o.klWeight > 0) parts.kl = { value: klDivergenceLoss(p, q), weight: o.klWeight };
        if (o.balanceWeight > 0) parts.balance = { value: clusterBalanceLoss(q), weight: o.balanceWeight };
        if (o.clusterLevel) {
          const w = head.weights;
          const project = (zv: tf.Tensor2D) =>
            tf.softmax(
              dense(zv, w['project.w'] as tf.Tensor2D, w['project.b'] as tf.Tensor1D),
            ) as tf.Tensor2D;
          parts.clusterLevel = {
            value: clusterContrastiveLoss(project(clean), project(masked)),
            weight: o.clusterLevelWeight,
          };
        }
        return parts;
      },
      accumulator,
    );
    p.dispose();
    disposeBatch(b);
    done++;
  }
  return done;
}

export { LossAccumulator, record, report };

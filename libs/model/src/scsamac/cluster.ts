/**
 * `cluster(matrix, options, hooks)`: the whole scSAMAC run, from raw counts to labels, plus `embed`/`predict` for
 * new cells with a trained model's state. Same seed, same data, same backend: same labels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import type { CsrMatrix, DenseMatrix } from '../matrix.js';
import type { ClusterResult, MethodHooks } from '../methods/types.js';
import { Network } from '../nn/network.js';
import { TorchAdadelta } from '../nn/adadelta.js';
import { RandomBank } from '../nn/random-bank.js';
import * as pp from '../pp/index.js';
import { createRandom } from '../random.js';
import * as tl from '../tl/index.js';
import { argmaxRows, softAssignmentValues, targetDistribution } from './assignments.js';
import { contentOrder, prepareData, type PreparedData } from './data.js';
import { parseScsamacOptions, type ScsamacOptions, type ScsamacOptionsInput } from './options.js';
import {
  assignWeights,
  checkPretrainedState,
  deserialise,
  pretrainedState,
  recordingRandom,
  replayRandom,
  serialise,
  serialiseWeights,
  type ScsamacModelState,
} from './state.js';
import {
  assignAll,
  checkpoint,
  clusterEpoch,
  createClusterHead,
  embedAll,
  embedRows,
  LossAccumulator,
  pretrain,
  record,
  report,
  stepBudgets,
  type Trainer,
} from './train.js';

/** What scSAMAC returns: the common ClusterResult plus the trained model and run facts. */
export interface ScsamacResult extends ClusterResult {
  /** The trained model (weights, centres, preprocessing constants) as plain JSON, for save/embed/predict. */
  model: ScsamacModelState;
  /** Options actually used (defaults filled). */
  options: ScsamacOptions;
  /** Whether k was estimated (Louvain communities) rather than given. */
  estimatedK: boolean;
  /** Optimizer steps taken in each phase and mean ms per step. */
  steps: { pretrain: number; cluster: number; msPerStep: number };
  /** Number of clustering epochs run and whether the tolerance stopped them. */
  clusterEpochs: number;
  converged: boolean;
  /** Labels right after centre initialisation (before the clustering stage), input row order. */
  initialLabels: Int32Array;
  /** Whether pretraining was skipped because `hooks.resumeState` held a checkpoint of this run. */
  resumed: boolean;
}

function centresFromLabels(z: Float32Array, latent: number, labels: Int32Array, k: number): Float32Array {
  const centres = new Float32Array(k * latent);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    counts[labels[i]]++;
    for (let d = 0; d < latent; d++) centres[labels[i] * latent + d] += z[i * latent + d];
  }
  for (let r = 0; r < k; r++)
    for (let d = 0; d < latent; d++) centres[r * latent + d] /= Math.max(counts[r], 1);
  return centres;
}

function relabelCompact(labels: Int32Array): { labels: Int32Array; k: number } {
  const map = new Map<number, number>();
  const out = Int32Array.from(labels, (l) => {
    if (!map.has(l)) map.set(l, map.size);
    return map.get(l)!;
  });
  return { labels: out, k: map.size };
}

/** Louvain communities (graphology; tl has no Leiden refinement) of the kNN graph of the latent space. */
function communityLabels(z: DenseMatrix, o: ScsamacOptions): Int32Array {
  return tl.communities(tl.neighbors(z, { k: o.neighbours }), {
    method: 'louvain',
    resolution: o.resolution,
    seed: o.seed,
  });
}

/** Columns scaled so the block's total variance is 1: two blocks then weigh the same in a joint distance. */
function unitTotalVariance(m: DenseMatrix): Float32Array {
  const mean = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let d = 0; d < m.cols; d++) mean[d] += m.data[i * m.cols + d] / m.rows;
  let total = 0;
  for (let i = 0; i < m.rows; i++)
    for (let d = 0; d < m.cols; d++) total += (m.data[i * m.cols + d] - mean[d]) ** 2 / m.rows;
  const factor = 1 / Math.sqrt(Math.max(total, 1e-12));
  return Float32Array.from(m.data, (v) => v * factor);
}

/** [a | b] row by row, each block scaled to unit total variance. */
function jointSpace(a: DenseMatrix, b: DenseMatrix): DenseMatrix {
  const left = unitTotalVariance(a);
  const right = unitTotalVariance(b);
  const cols = a.cols + b.cols;
  const data = new Float32Array(a.rows * cols);
  for (let i = 0; i < a.rows; i++) {
    data.set(left.subarray(i * a.cols, (i + 1) * a.cols), i * cols);
    data.set(right.subarray(i * b.cols, (i + 1) * b.cols), i * cols + a.cols);
  }
  return { rows: a.rows, cols, data };
}

/**
 * Initial centres on the pretrained latent space z. k is given, or estimated as the number of Louvain communities
 * of z's kNN graph. The initial labels come from a space — z, the PCA of the input (`pca-*`), or both side by side
 * with equal total variance (`joint-*`) — and an algorithm: k-means++ restarts (`*kmeans`) or Leiden at the
 * resolution giving k (`*leiden`, k-means when none does); `louvain` takes z's Louvain communities as they come.
 * The centres are the labels' means in z.
 */
function initialCentres(
  z: DenseMatrix,
  o: ScsamacOptions,
  principalComponents: () => DenseMatrix,
): { centres: Float32Array; labels: Int32Array; k: number; estimated: boolean } {
  let k = o.k;
  if (k === null || o.init === 'louvain') {
    const communities = relabelCompact(communityLabels(z, o));
    if (o.init === 'louvain' && (o.k === null || communities.k === o.k))
      return {
        centres: centresFromLabels(z.data, z.cols, communities.labels, communities.k),
        labels: communities.labels,
        k: communities.k,
        estimated: o.k === null,
      };
    // Louvain found another number than the k given: fall back to k-means++ with restarts on z.
    k ??= communities.k;
  }
  const space = o.init.startsWith('pca-')
    ? principalComponents()
    : o.init.startsWith('joint-')
      ? jointSpace(z, principalComponents())
      : z;
  const labels =
    (o.init.endsWith('leiden')
      ? tl.communitiesWithCount(tl.symmetricAdjacency(tl.neighbors(space, { k: o.neighbours })), k, {
          seed: o.seed,
        })
      : null) ?? tl.kmeans(space, { k, nInit: o.kmeansRestarts, seed: o.seed }).labels;
  return { centres: centresFromLabels(z.data, z.cols, labels, k), labels, k, estimated: o.k === null };
}

/**
 * PCA 50 of the encoder's input (cells and genes scSAMAC kept, log-normalised) by the classic recipe of the pca-*
 * baselines: each gene scaled and clipped at 10, then PCA.
 */
function principalComponentsOf(data: PreparedData, o: ScsamacOptions): DenseMatrix {
  return tl.pca(pp.scale(data.logNormalised, { maxValue: 10 }), { nComponents: 50, seed: o.seed }).scores;
}

function oneHot(labels: Int32Array, k: number): Float32Array {
  const out = new Float32Array(labels.length * k);
  labels.forEach((label, i) => (out[i * k + label] = 1));
  return out;
}

function changedFraction(a: Int32Array, b: Int32Array): number {
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
  return changed / a.length;
}

/**
 * Clusters the cells (rows) of a raw count matrix with scSAMAC. Resolves with labels (input row order), soft
 * assignments, latent z, centres, k, loss history, timings, backend and the trained model state. Rejects with an
 * AbortError within one epoch of `hooks.signal` aborting. Hands the state after pretraining to
 * `hooks.onPretrained`; with `hooks.resumeState` it checks that state against this run (rejecting with an error
 * naming the mismatch) and continues from it instead of pretraining, to the same labels.
 */
export async function cluster(
  matrix: CsrMatrix,
  optionsInput: ScsamacOptionsInput = {},
  hooks: MethodHooks = {},
): Promise<ScsamacResult> {
  const o = parseScsamacOptions(optionsInput);
  const backend = await initBackend();
  const started = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => (timings[name] = (performance.now() - since) / 1000);
  const random = createRandom(o.seed);

  let phaseStart = performance.now();
  hooks.onProgress?.({ phase: 'preprocess', epoch: 0, totalEpochs: 0, fraction: 0, losses: {} });
  const data = prepareData(matrix, o, random);
  lap('preprocess', phaseStart);
  await checkpoint(hooks.signal);

  const network = new Network(
    {
      genes: data.counts.cols,
      hidden: o.hidden,
      latent: o.latent,
      heads: o.attentionHeads,
      attention: o.attention,
      zeroInflated: o.likelihood === 'zinb',
    },
    random.int(2 ** 31 - 1),
  );
  // Everything that draws during pretraining (batch shuffles, the bank's draws) draws through the recorder, so
  // the checkpoint can say where the generator stands when pretraining ends.
  const recorder = recordingRandom(random);
  const bank = new RandomBank(recorder.random, o.seed);
  const t: Trainer = {
    data,
    network,
    options: o,
    random: recorder.random,
    bank,
    history: [],
    hooks,
    stepMs: 0,
    steps: 0,
  };
  let head: ReturnType<typeof createClusterHead> | null = null;
  let optimizer: TorchAdadelta | null = null;
  let accumulator: LossAccumulator | null = null;
  try {
    phaseStart = performance.now();
    const resumed = hooks.resumeState !== undefined;
    if (resumed) {
      const state = checkPretrainedState(hooks.resumeState, { options: o, data, network });
      assignWeights(network.weights, state.weights);
      replayRandom(random, state.random);
      t.steps = state.steps;
      t.stepMs = state.stepMs;
      t.history.push(...state.history);
      lap('resume', phaseStart);
    } else {
      if (hooks.onPretrained) recorder.start();
      await pretrain(t, 0.02, 0.58);
      const calls = recorder.stop();
      lap('pretrain', phaseStart);
      if (hooks.onPretrained) {
        const state = pretrainedState(
          { options: o, data, network },
          { steps: t.steps, stepMs: t.stepMs, seconds: timings.pretrain, random: calls, history: t.history },
        );
        await hooks.onPretrained(state);
        await checkpoint(hooks.signal);
      }
    }
    const pretrainSteps = t.steps;

    phaseStart = performance.now();
    report(t, { phase: 'initialise', epoch: 0, totalEpochs: 0, fraction: 0.6, losses: {} });
    const n = data.counts.rows;
    const latent = o.latent;
    const z0 = embedAll(network, data, o.batchSize);
    const init = initialCentres({ rows: n, cols: latent, data: z0 }, o, () => principalComponentsOf(data, o));
    head = createClusterHead(init.centres, init.k, latent, random);
    lap('initialise', phaseStart);
    await checkpoint(hooks.signal);

    phaseStart = performance.now();
    optimizer = new TorchAdadelta(o.clusterLearningRate, o.rho);
    accumulator = new LossAccumulator();
    let { z, q } = assignAll(t, head);
    let labels = argmaxRows(q, init.k);
    const labelsAtInit = labels;
    const { batchesPerEpoch, cluster: clusterBudget } = stepBudgets(o, n);
    const maxEpochs = Math.ceil(clusterBudget / batchesPerEpoch);
    let stepsLeft = clusterBudget;
    let epoch = 0;
    let converged = false;
    while (stepsLeft > 0) {
      // The first epoch's target is the initial labels themselves (one-hot): with centres from another space (PCA)
      // z's nearest centres can disagree with those labels, and the labels are what the initialisation chose.
      const target =
        epoch === 0 && o.firstTarget === 'labels'
          ? oneHot(init.labels, init.k)
          : targetDistribution(q, init.k);
      stepsLeft -= clusterEpoch(t, head, target, optimizer, accumulator, stepsLeft);
      ({ z, q } = assignAll(t, head));
      const next = argmaxRows(q, init.k);
      const changed = changedFraction(labels, next);
      labels = next;
      const losses = { ...accumulator.read(), labelsChanged: changed };
      record(t, 'cluster', epoch, losses);
      epoch++;
      report(t, {
        phase: 'cluster',
        epoch,
        totalEpochs: maxEpochs,
        fraction: 0.6 + (0.4 * epoch) / maxEpochs,
        losses,
      });
      await checkpoint(hooks.signal);
      if (changed < o.tolerance) {
        converged = true;
        break;
      }
    }
    lap('cluster', phaseStart);

    const centres = head.centres.dataSync() as Float32Array;
    const model: ScsamacModelState = {
      format: 'scsamac-model/1',
      shape: network.shape,
      genes: Array.from(data.genes),
      targetSum: data.targetSum,
      geneMean: serialise(data.geneMean, [data.geneMean.length]),
      geneInverseSd: serialise(data.geneInverseSd, [data.geneInverseSd.length]),
      orderSeed: o.seed,
      batchSize: o.batchSize,
      alpha: o.alpha,
      weights: serialiseWeights(network.weights),
      centres: serialise(Float32Array.from(centres), [init.k, latent]),
    };

    // Back to input row order; cells left out of training (no counts on the kept genes) are embedded as new cells.
    const rows = matrix.rows;
    const allZ = new Float32Array(rows * latent);
    const allQ = new Float32Array(rows * init.k);
    const trained = new Uint8Array(rows);
    data.cells.forEach((cell, i) => {
      trained[cell] = 1;
      allZ.set(z.subarray(i * latent, (i + 1) * latent), cell * latent);
      allQ.set(q.subarray(i * init.k, (i + 1) * init.k), cell * init.k);
    });
    const missing = Int32Array.from({ length: rows }, (_, i) => i).filter((i) => !trained[i]);
    if (missing.length > 0) {
      const extra = predictRows(model, matrix, missing);
      missing.forEach((cell, i) => {
        allZ.set(extra.latent.subarray(i * latent, (i + 1) * latent), cell * latent);
        allQ.set(extra.softAssignments.subarray(i * init.k, (i + 1) * init.k), cell * init.k);
      });
    }
    timings.total = (performance.now() - started) / 1000;
    report(t, { phase: 'done', epoch, totalEpochs: maxEpochs, fraction: 1, losses: {} });
    return {
      labels: argmaxRows(allQ, init.k),
      k: init.k,
      latent: allZ,
      latentDims: latent,
      softAssignments: allQ,
      centres: Float32Array.from(centres),
      history: t.history,
      timings,
      backend,
      model,
      options: o,
      estimatedK: init.estimated,
      steps: {
        pretrain: pretrainSteps,
        cluster: t.steps - pretrainSteps,
        msPerStep: t.stepMs / Math.max(t.steps, 1),
      },
      clusterEpochs: epoch,
      converged,
      initialLabels: toInputOrder(labelsAtInit, data.cells, rows),
      resumed,
    };
  } finally {
    optimizer?.dispose();
    accumulator?.dispose();
    network.dispose();
    bank.dispose();
    if (head) {
      head.centres.dispose();
      for (const v of Object.values(head.weights)) v.dispose();
    }
  }
}

/** Latent z and soft assignments of rows `rows` of `matrix` (same columns as the training input). */
function predictRows(
  model: ScsamacModelState,
  matrix: CsrMatrix,
  rows: Int32Array,
): { latent: Float32Array; softAssignments: Float32Array } {
  const network = new Network(model.shape, 0);
  try {
    assignWeights(network.weights, model.weights);
    // In content order, as training batched its cells (data.ts, contentOrder); results go back to `rows`' order.
    const selected = pp.selectCells(matrix, rows);
    const order = contentOrder(selected, model.orderSeed ?? 0);
    const cells = pp.selectCells(selected, order);
    // Scaled by each cell's total over all genes, as in training (prepareData).
    const logNormalised = pp.log1p(
      pp.normalizeTotal(pp.selectGenes(cells, Int32Array.from(model.genes)), {
        targetSum: model.targetSum,
        librarySizes: pp.librarySizes(cells),
      }),
    );
    const d = model.shape.latent;
    const k = model.centres.shape[0];
    const z = embedRows(
      network,
      logNormalised,
      deserialise(model.geneMean),
      deserialise(model.geneInverseSd),
      model.batchSize,
    );
    const centres = tf.tensor2d(deserialise(model.centres), model.centres.shape as [number, number]);
    const qValues = softAssignmentValues(z, d, centres, model.alpha);
    centres.dispose();
    const latent = new Float32Array(rows.length * d);
    const softAssignments = new Float32Array(rows.length * k);
    order.forEach((position, i) => {
      latent.set(z.subarray(i * d, (i + 1) * d), position * d);
      softAssignments.set(qValues.subarray(i * k, (i + 1) * k), position * k);
    });
    return { latent, softAssignments };
  } finally {
    network.dispose();
  }
}

function toInputOrder(labels: Int32Array, cells: Int32Array, rows: number): Int32Array {
  const out = new Int32Array(rows).fill(-1);
  cells.forEach((cell, i) => (out[cell] = labels[i]));
  return out;
}

/** Latent embedding [rows x latent] of new cells (same genes/columns as the training matrix) under a trained model. */
export async function embed(model: ScsamacModelState, matrix: CsrMatrix): Promise<Float32Array> {
  await initBackend();
  return predictRows(
    model,
    matrix,
    Int32Array.from({ length: matrix.rows }, (_, i) => i),
  ).latent;
}

/**
 * Cluster labels (argmax of the Student-t q), soft assignments and latent z of new cells under a trained model, and
 * the backend that computed them.
 */
export async function predict(
  model: ScsamacModelState,
  matrix: CsrMatrix,
): Promise<{ labels: Int32Array; softAssignments: Float32Array; latent: Float32Array; backend: string }> {
  const backend = await initBackend();
  const { latent, softAssignments } = predictRows(
    model,
    matrix,
    Int32Array.from({ length: matrix.rows }, (_, i) => i),
  );
  return { labels: argmaxRows(softAssignments, model.centres.shape[0]), softAssignments, latent, backend };
}

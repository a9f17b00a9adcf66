import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { getMethod } from '../methods/registry.js';
import * as pp from '../pp/index.js';
import { adjustedRand, quickMixture, quickScsamacOptions } from '../test/synthetic.js';
import { cluster, embed, predict, type ScsamacResult } from './cluster.js';

const { matrix, labels } = quickMixture();
const options = quickScsamacOptions;

let first: ScsamacResult;
const tensorsPerEpoch: number[] = [];
let tensorsBefore = 0;
let tensorsAfterFirst = 0;

beforeAll(async () => {
  await initBackend();
  tensorsBefore = tf.memory().numTensors;
  first = await cluster(matrix, options, {
    onProgress: (event) => {
      if (event.phase === 'pretrain' || event.phase === 'cluster')
        tensorsPerEpoch.push(tf.memory().numTensors);
    },
  });
  tensorsAfterFirst = tf.memory().numTensors;
}, 120_000);

describe('scSAMAC cluster()', () => {
  it('separates a synthetic three-group count mixture', () => {
    expect(first.k).toBe(3);
    expect(first.labels.length).toBe(matrix.rows);
    expect(adjustedRand(first.labels, labels)).toBeGreaterThan(0.8);
    expect(first.latent.length).toBe(matrix.rows * 32);
    expect(first.softAssignments!.length).toBe(matrix.rows * 3);
    expect(first.backend).toBe('wasm');
    expect(first.steps.pretrain).toBe(40);
    const keys = new Set(first.history.map((h) => h.key));
    for (const key of [
      'reconstruction',
      'contrastive',
      'softKMeans',
      'wasserstein',
      'clusterLevel',
      'labelsChanged',
    ])
      expect(keys).toContain(key);
    for (const phase of ['preprocess', 'pretrain', 'cluster', 'total'])
      expect(first.timings[phase]).toBeGreaterThan(0);
  });

  it('leaks no tensors: the count is flat across epochs and does not grow from run to run', () => {
    // Optimiser slots and the dropout-mask bank appear in the first epoch; after that the count must not move.
    const pretrainEpochs = tensorsPerEpoch.slice(0, 5);
    expect(pretrainEpochs.length).toBe(5);
    expect(new Set(pretrainEpochs).size).toBe(1);
    // tfjs keeps at most one cached tensor of its own after the first run
    expect(tensorsAfterFirst - tensorsBefore).toBeLessThanOrEqual(1);
  });

  it('gives identical labels for the same seed and different ones for another seed', async () => {
    const again = await cluster(matrix, options);
    expect(Array.from(again.labels)).toEqual(Array.from(first.labels));
    expect(Array.from(again.latent.slice(0, 50))).toEqual(Array.from(first.latent.slice(0, 50)));
    const other = await cluster(matrix, { ...options, seed: 6 });
    expect(Array.from(other.latent.slice(0, 50))).not.toEqual(Array.from(first.latent.slice(0, 50)));
    expect(tf.memory().numTensors).toBe(tensorsAfterFirst);
  }, 120_000);

  it('draws attention dropout (off by default) from the seed: reproducible, and it changes the training', async () => {
    const withDropout = { ...options, attentionDropout: 0.1, clusterSteps: 0 };
    const a = await cluster(matrix, withDropout);
    const b = await cluster(matrix, withDropout);
    expect(Array.from(b.latent)).toEqual(Array.from(a.latent));
    const without = await cluster(matrix, { ...withDropout, attentionDropout: 0 });
    expect(Array.from(without.latent.slice(0, 50))).not.toEqual(Array.from(a.latent.slice(0, 50)));
    expect(adjustedRand(a.labels, labels)).toBeGreaterThan(0.8);
  }, 120_000);

  it('embeds and assigns new cells with the saved (JSON) model', async () => {
    const model = JSON.parse(JSON.stringify(first.model));
    const z = await embed(model, matrix);
    expect(z.length).toBe(matrix.rows * 32);
    // Inference batches the cells as training did (content order), so the training cells get their own z back.
    expect(Array.from(z)).toEqual(Array.from(first.latent));
    const { labels: predicted } = await predict(model, matrix);
    expect(Array.from(predicted)).toEqual(Array.from(first.labels));
  });

  it('gives every cell the same label and z whatever the row order (a file sorted by group included)', async () => {
    const byGroup = Int32Array.from({ length: matrix.rows }, (_, i) => i).sort(
      (a, b) => labels[a] - labels[b] || b - a,
    );
    const sorted = await cluster(pp.selectCells(matrix, byGroup), options);
    byGroup.forEach((row, i) => {
      expect(sorted.labels[i]).toBe(first.labels[row]);
      expect(sorted.latent[i * 32]).toBe(first.latent[row * 32]);
    });
  }, 120_000);

  it('stops with an AbortError within one epoch of the signal', async () => {
    const controller = new AbortController();
    let epochsAfterAbort = -1;
    const run = cluster(matrix, options, {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.phase === 'pretrain' && event.epoch === 2) controller.abort();
        if (controller.signal.aborted) epochsAfterAbort++;
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochsAfterAbort).toBe(0);
    expect(tf.memory().numTensors).toBe(tensorsAfterFirst);
  });

  it('estimates k from Louvain communities of the latent kNN graph when k is not given', async () => {
    const estimated = await cluster(matrix, { ...options, k: null, clusterSteps: 0 });
    expect(estimated.estimatedK).toBe(true);
    expect(estimated.k).toBeGreaterThanOrEqual(3);
    expect(estimated.k).toBeLessThanOrEqual(5);
    expect(adjustedRand(estimated.labels, labels)).toBeGreaterThan(0.7);
  }, 120_000);

  it('is registered with its variants, whose presets change only their own options', () => {
    expect(getMethod('scsamac').parseOptions({}).likelihood).toBe('nb');
    expect(getMethod('scsamac-zinb').parseOptions({}).likelihood).toBe('zinb');
    expect(getMethod('scsamac-no-contrastive').parseOptions({})).toMatchObject({
      contrastive: false,
      clusterLevel: true,
    });
    expect(getMethod('scsamac-no-cluster-level').parseOptions({})).toMatchObject({
      contrastive: true,
      clusterLevel: false,
    });
    expect(getMethod('scdeepcluster').parseOptions({ seed: 2 })).toMatchObject({
      seed: 2,
      likelihood: 'zinb',
      attention: false,
      wassersteinWeight: 0,
      balanceWeight: 0,
      klWeight: 1,
    });
    expect(() => getMethod('scsamac').parseOptions({ bogus: 1 })).toThrow();
  });

  it.each(['scsamac-no-contrastive', 'scdeepcluster', 'scsamac-no-cluster-level', 'scsamac-zinb'])(
    'runs the %s variant end to end (one-view steps included)',
    async (name) => {
      const method = getMethod(name);
      const result = await method.run(matrix, method.parseOptions({ ...options, clusterSteps: 4 }));
      expect(result.labels.length).toBe(matrix.rows);
      expect(adjustedRand(result.labels, labels)).toBeGreaterThan(0.5);
    },
    120_000,
  );

  it.each([
    'kmeans',
    'pca-kmeans',
    'joint-kmeans',
    'leiden',
    'pca-leiden',
    'joint-leiden',
    'louvain',
  ] as const)(
    'initialises centres with %s labels, their means in z',
    async (init) => {
      const result = await cluster(matrix, { ...options, init, clusterSteps: 0, firstTarget: 'labels' });
      expect(result.k).toBe(3);
      expect(adjustedRand(result.initialLabels, labels)).toBeGreaterThan(0.8);
    },
    120_000,
  );

  it('counts epochs instead of steps when pretrainEpochs / maxEpochs are set (the CLI flags)', async () => {
    // 210 cells in batches of 64: three batches per epoch (the short last one joins the one before).
    const result = await cluster(matrix, { ...options, pretrainEpochs: 2, maxEpochs: 1, tolerance: 0 });
    expect(result.steps.pretrain).toBe(6);
    expect(result.steps.cluster).toBe(3);
    expect(result.clusterEpochs).toBe(1);
  }, 120_000);

  it('stops early once fewer than `tolerance` of the labels change in an epoch, and runs every step at 0', async () => {
    const run = (tolerance: number) =>
      cluster(matrix, { ...options, pretrainEpochs: 2, clusterSteps: 12, tolerance });
    const stopped = await run(1.01); // any change is below 101%: the first epoch stops it
    expect(stopped.converged).toBe(true);
    expect(stopped.clusterEpochs).toBe(1);
    expect(stopped.steps.cluster).toBe(3);
    const full = await run(0);
    expect(full.converged).toBe(false);
    expect(full.clusterEpochs).toBe(4);
    expect(full.steps.cluster).toBe(12);
    const changed = full.history.filter((h) => h.phase === 'cluster' && h.key === 'labelsChanged');
    expect(changed.length).toBe(4);
    // Same seed, so the same epochs until the stop: a tolerance just above the smallest fraction the full run
    // recorded stops at the first epoch that changed that few labels, not earlier.
    const smallest = Math.min(...changed.map((h) => h.value));
    const between = await run(smallest + 1e-9);
    const stopEpoch = changed.findIndex((h) => h.value < smallest + 1e-9) + 1;
    expect(between.clusterEpochs).toBe(stopEpoch);
    expect(between.converged).toBe(true);
  }, 120_000);
});

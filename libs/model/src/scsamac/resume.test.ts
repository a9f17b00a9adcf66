import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { getMethod } from '../methods/registry.js';
import type { MethodHooks } from '../methods/types.js';
import { quickMixture, quickScsamacOptions } from '../test/synthetic.js';
import type { ScsamacResult } from './cluster.js';
import type { ScsamacOptionsInput } from './options.js';
import { ResumeStateError, type ScsamacPretrainedState } from './state.js';

const { matrix } = quickMixture();
// Shorter still: the point is the hand-over between the phases, not the clustering quality.
const options: ScsamacOptionsInput = { ...quickScsamacOptions, pretrainSteps: 30 };

/** Runs `method` and keeps its progress phases and the checkpoints it hands out (after a JSON round trip). */
async function runWith(
  method: string,
  hooks: Pick<MethodHooks, 'resumeState'> = {},
  opts: ScsamacOptionsInput = options,
  data = matrix,
): Promise<{ result: ScsamacResult; phases: string[]; checkpoints: ScsamacPretrainedState[] }> {
  // Progress phases in order, with 'checkpoint' where onPretrained was called.
  const phases: string[] = [];
  const checkpoints: ScsamacPretrainedState[] = [];
  const m = getMethod(method);
  const result = (await m.run(data, m.parseOptions(opts), {
    ...hooks,
    onProgress: (event) => phases.push(event.phase),
    onPretrained: async (state) => {
      // What the trainer does: a file written with JSON.stringify and read back on the next attempt.
      checkpoints.push(JSON.parse(JSON.stringify(state)) as ScsamacPretrainedState);
      phases.push('checkpoint');
    },
  })) as ScsamacResult;
  return { result, phases, checkpoints };
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => expect(Array.from(a)).toEqual(Array.from(b));

let uninterrupted: Awaited<ReturnType<typeof runWith>>;
let checkpoint: ScsamacPretrainedState;

beforeAll(async () => {
  await initBackend();
  uninterrupted = await runWith('scsamac');
  checkpoint = uninterrupted.checkpoints[0];
}, 120_000);

describe('scSAMAC checkpoint after pretraining', () => {
  it('hands out one plain-JSON checkpoint when pretraining ends, before the clustering stage', () => {
    const { phases, checkpoints, result } = uninterrupted;
    expect(checkpoints).toHaveLength(1);
    const at = phases.indexOf('checkpoint');
    expect(phases.lastIndexOf('pretrain')).toBeLessThan(at);
    expect(phases.indexOf('initialise')).toBeGreaterThan(at);
    expect(checkpoint.format).toBe('scsamac-pretrained/2');
    expect(checkpoint.steps).toBe(30);
    expect(checkpoint.seconds).toBeGreaterThan(0);
    expect(checkpoint.random.length).toBeGreaterThan(0);
    expect(checkpoint.history.every((point) => point.phase === 'pretrain')).toBe(true);
    expect(result.resumed).toBe(false);
  });

  it('resumes to the labels, latent space and history of the uninterrupted run, without pretraining', async () => {
    const resumed = await runWith('scsamac', { resumeState: checkpoint });
    expect(resumed.result.resumed).toBe(true);
    expect(resumed.phases).not.toContain('pretrain');
    expect(resumed.checkpoints).toHaveLength(0);
    expect(resumed.result.timings.pretrain).toBeUndefined();
    expect(resumed.result.timings.resume).toBeGreaterThan(0);
    same(resumed.result.labels, uninterrupted.result.labels);
    same(resumed.result.latent, uninterrupted.result.latent);
    same(resumed.result.softAssignments!, uninterrupted.result.softAssignments!);
    expect(resumed.result.history).toEqual(uninterrupted.result.history);
    expect(resumed.result.steps.pretrain).toBe(30);
    expect(resumed.result.steps.cluster).toBe(uninterrupted.result.steps.cluster);
  }, 120_000);

  it('needs the generator position: without it the clustering stage draws other batches and noise', async () => {
    const resumed = await runWith('scsamac', { resumeState: { ...checkpoint, random: [] } });
    expect(Array.from(resumed.result.latent)).not.toEqual(Array.from(uninterrupted.result.latent));
  }, 120_000);

  it('resumes the ZINB variant (another network shape) through the registry the same way', async () => {
    const small = { ...options, pretrainSteps: 10, clusterSteps: 6 };
    const first = await runWith('scsamac-zinb', {}, small);
    const resumed = await runWith('scsamac-zinb', { resumeState: first.checkpoints[0] }, small);
    expect(first.checkpoints[0].shape).toMatchObject({ zeroInflated: true });
    expect(resumed.phases).not.toContain('pretrain');
    same(resumed.result.labels, first.result.labels);
    same(resumed.result.latent, first.result.latent);
  }, 120_000);

  it('rejects a checkpoint of another format, run or data with an error naming the mismatch, leaking nothing', async () => {
    const tensors = tf.memory().numTensors;
    const resume = (resumeState: unknown, opts = options, data = matrix) =>
      getMethod('scsamac').run(data, getMethod('scsamac').parseOptions(opts), { resumeState });
    await expect(resume({ ...checkpoint, format: 'scsamac-model/1' })).rejects.toThrow(
      /^scSAMAC resumeState: format is "scsamac-model\/1", expected "scsamac-pretrained\/2"/,
    );
    // A state saved before cells trained in content order.
    await expect(resume({ ...checkpoint, format: 'scsamac-pretrained/1' })).rejects.toThrow(
      /format is "scsamac-pretrained\/1", expected "scsamac-pretrained\/2"/,
    );
    await expect(resume(null)).rejects.toThrow(/resumeState: format is undefined/);
    await expect(resume(null)).rejects.toBeInstanceOf(ResumeStateError);
    await expect(resume({ ...checkpoint, weights: 'none' })).rejects.toThrow(
      /resumeState: malformed: .*weights/s,
    );
    await expect(resume(checkpoint, { ...options, seed: 6 })).rejects.toThrow(
      /resumeState: made with other options: seed 5 there, 6 here/,
    );
    await expect(resume(checkpoint, { ...options, topGenes: 100 })).rejects.toThrow(
      /other options: topGenes/,
    );
    // A checkpoint written by a version that lacked an option (the trainer then trains from scratch).
    const { pretrainAverage: _older, ...olderOptions } = checkpoint.options;
    const older = resume({ ...checkpoint, options: olderOptions });
    await expect(older).rejects.toThrow(/other options: pretrainAverage undefined there, 0.99 here/);
    await expect(older).rejects.toBeInstanceOf(ResumeStateError);
    // Same shape of data (3 x 70 cells, 150 genes), other counts.
    await expect(resume(checkpoint, options, quickMixture(43).matrix)).rejects.toThrow(
      /^scSAMAC resumeState: made on other data: the preprocessing constants/,
    );
    const enc1 = checkpoint.weights['enc1.w'];
    await expect(
      resume({ ...checkpoint, weights: { ...checkpoint.weights, 'enc1.w': { ...enc1, shape: [150, 128] } } }),
    ).rejects.toThrow(/resumeState: weight enc1.w has shape \[150,128\]/);
    await expect(
      resume({
        ...checkpoint,
        weights: { ...checkpoint.weights, 'enc1.w': { ...enc1, base64: enc1.base64.slice(0, 400) } },
      }),
    ).rejects.toThrow(/resumeState: weight enc1.w .* expected \[150,256\]/);
    const { ['heads.b']: _dropped, ...fewer } = checkpoint.weights;
    await expect(resume({ ...checkpoint, weights: fewer })).rejects.toThrow(
      /resumeState: lacks weight heads.b/,
    );
    expect(tf.memory().numTensors).toBe(tensors);
  }, 120_000);
});

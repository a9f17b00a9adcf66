// Fixture of the executor and trainer tests: a stand-in for the training thread (same protocol: `ready`, then one
// `run` message per job) whose behaviour the test picks
// through the run's params, so heartbeats, cancelling, limits, checkpoints and result writing can be tested without
// waiting for real training. The real thread (../thread.ts) is tested with real methods in src/test/.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { HostMessage, RunJob, ThreadMessage } from '../messages.js';

interface Script {
  behaviour: 'succeed' | 'fail' | 'hang' | 'oom' | 'checkpoint-then-hang' | 'exit';
  /** Seconds of fake training, reporting progress every 50 ms. */
  seconds?: number;
  withHistory?: boolean;
}
const post = (message: ThreadMessage, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(message, transfer);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function train(seconds: number): Promise<void> {
  const steps = Math.round((seconds * 1000) / 50);
  for (let epoch = 0; epoch < steps; epoch++) {
    post({
      type: 'progress',
      event: {
        phase: 'pretrain',
        epoch,
        totalEpochs: steps,
        fraction: epoch / steps,
        losses: { nb: 10 - epoch / steps },
      },
    });
    await sleep(50);
  }
}

async function main(job: RunJob): Promise<void> {
  const script = job.params as unknown as Script;
  if (script.behaviour === 'fail')
    return post({ type: 'failed', reason: 'scripted failure: the matrix is empty' });
  if (script.behaviour === 'exit') process.exit(3);
  if (script.behaviour === 'oom') {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i + kept.length));
  }
  if (script.behaviour === 'checkpoint-then-hang' && !job.checkpoint.resume) {
    await train(0.2);
    writeFileSync(path.join(job.checkpoint.dir, 'weights.bin'), `weights of ${job.runId}`);
    post({ type: 'checkpoint', files: ['weights.bin'] });
    for (;;) await sleep(1000);
  }
  if (script.behaviour === 'hang') for (;;) await sleep(1000);
  await train(script.seconds ?? 0.5);

  // A tiny deterministic result: 6 cells, 2 clusters.
  const resumedFrom = job.checkpoint.resume
    ? (await import('node:fs')).readFileSync(path.join(job.checkpoint.dir, 'weights.bin'), 'utf8')
    : '';
  writeFileSync(path.join(job.outputDir, 'note.txt'), `resumed from: ${resumedFrom}`);
  const labels = Int32Array.from([0, 0, 0, 1, 1, 1]);
  const latent = Float32Array.from([0, 0, 0.1, 0.1, 0.2, 0, 5, 5, 5.1, 5, 5, 5.2]);
  const embedding = latent.slice();
  post(
    {
      type: 'result',
      outcome: {
        cells: 6,
        genes: 3,
        k: 2,
        labels,
        latent,
        latentDims: 2,
        embedding,
        embeddingMethod: 'umap',
        scores: [{ metric: 'ARI', labelColumn: 'truth', value: 1 }],
        markers: [
          {
            cluster: 0,
            rank: 0,
            gene: 'Ins1',
            geneIndex: 2,
            score: 2.5,
            logFoldChange: 1.5,
            pValue: 0.01,
            pValueAdjusted: 0.03,
            fractionIn: 1,
            fractionOut: 0.2,
            meanIn: 3.2,
          },
        ],
        history: script.withHistory
          ? [
              { phase: 'pretrain', epoch: 0, step: 0, key: 'nb', value: 9 },
              { phase: 'pretrain', epoch: 1, step: 1, key: 'nb', value: 8 },
            ]
          : [],
        timings: { pretrain: 0.5, total: 0.6 },
        backend: 'none',
        files: [{ kind: 'note', fileName: 'note.txt', contentType: 'text/plain' }],
      },
    },
    [labels.buffer, latent.buffer, embedding.buffer],
  );
}

parentPort!.on('message', (message: HostMessage) => void main(message.job));
post({ type: 'ready' });

/** Debug: scSAMAC on the synthetic test mixture, printing stages, ARI and leftover tensors. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend.js';
import { cluster } from '../src/scsamac/cluster.js';
import { adjustedRand, syntheticCounts } from '../src/test/synthetic.js';

await initBackend();
const { matrix, labels } = syntheticCounts(3, 70, 150, 42);
const before = tf.memory().numTensors;
const r = await cluster(
  matrix,
  {
    k: 3,
    seed: 5,
    batchSize: 64,
    pretrainSteps: 40,
    clusterSteps: 12,
    kmeansRestarts: 5,
    ...JSON.parse(process.argv[2] ?? '{}'),
  },
  {
    onProgress: (e) => console.log(e.phase, e.epoch, JSON.stringify(e.losses), tf.memory().numTensors),
  },
);
console.log(
  'init ARI',
  adjustedRand(r.initialLabels, labels),
  'final ARI',
  adjustedRand(r.labels, labels),
  'counts',
  [0, 1, 2].map((c) => r.labels.filter((l) => l === c).length),
);
console.log('left tensors', tf.memory().numTensors - before);

/** Debug: scSAMAC on the synthetic test mixture, printing stages, ARI and leftover tensors. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend.js';
import { cluster } from '../src/scsamac/cluster.js';
import { adjustedRand, quickMixture, quickScsamacOptions } from '../src/test/synthetic.js';

await initBackend();
const { matrix, labels } = quickMixture();
const before = tf.memory().numTensors;
const r = await cluster(
  matrix,
  { ...quickScsamacOptions, ...JSON.parse(process.argv[2] ?? '{}') },
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

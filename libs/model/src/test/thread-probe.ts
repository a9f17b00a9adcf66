/**
 * What backend.test.ts compares between thread counts: a training-sized matMul and a short scSAMAC run (whose NB
 * loss pass a helper thread shares when wasm has several threads), reduced to exact values. Run as a script
 * (`node --import scripts/ts-runtime/register.mjs thread-probe.ts`) it prints the probe as JSON on its last line, so
 * a child process with `SCSAMAC_WASM_THREADS=0` can be compared with the test's own, threaded, process.
 */
import * as tf from '@tensorflow/tfjs-core';
import { pathToFileURL } from 'node:url';
import { backendThreads, initBackend } from '../backend.js';
import { createRandom } from '../random.js';
import { cluster } from '../scsamac/cluster.js';
import { syntheticCounts } from './synthetic.js';

export interface ThreadProbe {
  backend: string;
  threads: number | null;
  /** A 256 x 2000 by 2000 x 256 product (the encoder's first layer at batch 256), as float32 bit patterns. */
  matMulBits: number[];
  labels: number[];
  latentBits: number[];
}

const bits = (values: Float32Array) =>
  Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

export async function threadProbe(): Promise<ThreadProbe> {
  const backend = await initBackend();
  const random = createRandom(3);
  const a = Float32Array.from({ length: 256 * 2000 }, () => random.normal());
  const b = Float32Array.from({ length: 2000 * 256 }, () => random.normal() / 40);
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(a, [256, 2000]), tf.tensor2d(b, [2000, 256])));
  const matMul = product.dataSync() as Float32Array;
  product.dispose();
  // Big enough that XNNPACK splits each matMul among threads (600 genes, batch 128).
  const { matrix } = syntheticCounts(3, 100, 600, 11);
  const result = await cluster(matrix, {
    k: 3,
    seed: 2,
    batchSize: 128,
    pretrainSteps: 16,
    clusterSteps: 6,
    kmeansRestarts: 2,
  });
  return {
    backend,
    threads: await backendThreads(),
    matMulBits: bits(matMul),
    labels: Array.from(result.labels),
    latentBits: bits(result.latent),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await threadProbe()));

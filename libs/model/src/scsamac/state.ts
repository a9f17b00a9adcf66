/**
 * A trained scSAMAC model as a plain, JSON-serialisable object: preprocessing constants, network weights and
 * cluster centres. libs/model stays free of the file system: callers (the trainer, the CLI) write
 * `JSON.stringify(state)` to a file and read it back; `embed` and `predict` take the object.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkShape, NetworkWeights } from '../nn/network.js';

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

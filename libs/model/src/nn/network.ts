/**
 * The scSAMAC autoencoder: encoder G-256-64-32 with attention blocks on the 64-d layer and on z, decoder
 * 32-64-256 and the count-model heads (NB mean and dispersion, ZINB dropout), all as plain tfjs-core variables.
 * Weights start as PyTorch's Linear default, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from the seeded generator.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRandom, type Random } from '../random.js';
import { attention, type AttentionWeights } from './attention.js';
import { dense, denseOnData } from './dense.js';

/** Sizes of the network. */
export interface NetworkShape {
  genes: number;
  hidden: [number, number]; // encoder 256, 64 (decoder mirrors it)
  latent: number; // 32
  heads: number; // attention heads, 8
  attention: boolean; // false: a plain autoencoder (scDeepCluster)
  zeroInflated: boolean; // adds the ZINB dropout head
}

/** Every trainable variable of the autoencoder, by name. */
export type NetworkWeights = Record<string, tf.Variable>;

function uniformInit(random: Random, shape: number[], fanIn: number): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = (random.next() * 2 - 1) * bound;
  return values;
}

/** Creates a linear layer's weight [fanIn, fanOut] and bias [fanOut] under `name`. */
export function addLinear(
  weights: NetworkWeights,
  random: Random,
  name: string,
  fanIn: number,
  fanOut: number,
): void {
  // tidy frees the initial values (a variable holds its own reference); tfjs names variables uniquely, so a
  // second network (inference on new cells) can exist beside the one training.
  tf.tidy(() => {
    weights[`${name}.w`] = tf.variable(
      tf.tensor2d(uniformInit(random, [fanIn, fanOut], fanIn), [fanIn, fanOut]),
    );
    weights[`${name}.b`] = tf.variable(tf.tensor1d(uniformInit(random, [fanOut], fanIn)));
  });
}

function attentionOf(weights: NetworkWeights, name: string): AttentionWeights {
  return {
    qkvW: weights[`${name}.qkv.w`] as tf.Variable<tf.Rank.R2>,
    qkvB: weights[`${name}.qkv.b`] as tf.Variable<tf.Rank.R1>,
    outW: weights[`${name}.out.w`] as tf.Variable<tf.Rank.R2>,
    outB: weights[`${name}.out.b`] as tf.Variable<tf.Rank.R1>,
  };
}

const w2 = (weights: NetworkWeights, name: string) => weights[`${name}.w`] as tf.Variable<tf.Rank.R2>;
const b1 = (weights: NetworkWeights, name: string) => weights[`${name}.b`] as tf.Variable<tf.Rank.R1>;

/** Count-model parameters of a batch: mean (times size factor), dispersion and, for ZINB, dropout probability. */
export interface Reconstruction {
  mean: tf.Tensor2D;
  dispersion: tf.Tensor2D;
  dropout?: tf.Tensor2D;
}

/** Clamp of the NB mean before the size factor (the reference's): keeps exp() finite and the likelihood defined. */
export const MEAN_RANGE = [1e-5, 1e6] as const;
/** Clamp of the NB dispersion θ. */
export const DISPERSION_RANGE = [1e-4, 1e4] as const;

/**
 * The count model from the heads' raw outputs [B, 2G or 3G]: mean = clamp(exp(a)) x size factor, dispersion =
 * clamp(softplus(b)), ZINB dropout = sigmoid(c).
 */
export function countModel(
  logits: tf.Tensor2D,
  sizeFactors: tf.Tensor2D,
  zeroInflated: boolean,
): Reconstruction {
  const parts = tf.split(logits, zeroInflated ? 3 : 2, 1) as tf.Tensor2D[];
  const mean = tf.mul(tf.clipByValue(tf.exp(parts[0]), ...MEAN_RANGE), sizeFactors) as tf.Tensor2D;
  const dispersion = tf.clipByValue(tf.softplus(parts[1]), ...DISPERSION_RANGE) as tf.Tensor2D;
  const dropout = zeroInflated ? (tf.sigmoid(parts[2]) as tf.Tensor2D) : undefined;
  return { mean, dispersion, dropout };
}

/** The autoencoder: its shape, its variables and the forward passes used by training and inference. */
export class Network {
  readonly weights: NetworkWeights = {};

  constructor(
    readonly shape: NetworkShape,
    seed: number,
  ) {
    const random = createRandom(seed);
    const [h1, h2] = shape.hidden;
    const g = shape.genes;
    addLinear(this.weights, random, 'enc1', g, h1);
    addLinear(this.weights, random, 'enc2', h1, h2);
    if (shape.attention) {
      addLinear(this.weights, random, 'att1.qkv', h2, 3 * h2);
      addLinear(this.weights, random, 'att1.out', h2, h2);
    }
    addLinear(this.weights, random, 'enc3', h2, shape.latent);
    if (shape.attention) {
      addLinear(this.weights, random, 'att2.qkv', shape.latent, 3 * shape.latent);
      addLinear(this.weights, random, 'att2.out', shape.latent, shape.latent);
    }
    addLinear(this.weights, random, 'dec1', shape.latent, h2);
    addLinear(this.weights, random, 'dec2', h2, h1);
    // Mean, dispersion (and dropout) heads fused into one matMul.
    addLinear(this.weights, random, 'heads', h1, (shape.zeroInflated ? 3 : 2) * g);
  }

  /** Variables of the autoencoder (the optimiser's var list). */
  variables(): tf.Variable[] {
    return Object.values(this.weights);
  }

  /**
   * Encodes `sequences` stacked batches x [S*B, G] (standardised expression) to z [S*B, latent]. Attention runs
   * within each batch. `dropout` > 0 (training) drops attention weights
   * with that rate, drawing masks from `dropoutMask`.
   */
  encode(
    x: tf.Tensor2D,
    sequences: number,
    dropout = 0,
    dropoutMask?: (shape: number[], rate: number) => tf.Tensor,
  ): tf.Tensor2D {
    const w = this.weights;
    const call = { heads: this.shape.heads, sequences, dropout, dropoutMask };
    let h = denseOnData(x, w2(w, 'enc1'), b1(w, 'enc1'), 'relu');
    h = dense(h, w2(w, 'enc2'), b1(w, 'enc2'), 'relu');
    if (this.shape.attention) h = attention(h, attentionOf(w, 'att1'), call);
    let z = dense(h, w2(w, 'enc3'), b1(w, 'enc3'));
    if (this.shape.attention) z = attention(z, attentionOf(w, 'att2'), call);
    return z;
  }

  /** Raw outputs of the count-model heads for z [B, latent]: [B, 2G] (mean, dispersion logits) or [B, 3G] (ZINB). */
  decodeLogits(z: tf.Tensor2D): tf.Tensor2D {
    const w = this.weights;
    let h = dense(z, w2(w, 'dec1'), b1(w, 'dec1'), 'relu');
    h = dense(h, w2(w, 'dec2'), b1(w, 'dec2'), 'relu');
    return dense(h, w2(w, 'heads'), b1(w, 'heads'));
  }

  /** Frees every variable. */
  dispose(): void {
    for (const v of Object.values(this.weights)) v.dispose();
  }
}

/**
 * Pre-drawn random numbers for the hot loop. tfjs draws randomNormal/randomUniform in JavaScript, which cost more
 * than the matMuls of a step at 256 x 2000; a bank drawn once from the seeded generator and read at a random
 * offset each step (a plain slice) is reproducible and nearly free. Consecutive draws overlap only as often as
 * two offsets collide, which does not matter for input noise and dropout masks.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Random } from '../random.js';

/** A bank of standard normals and uniforms on the device. */
export class RandomBank {
  private readonly normals: tf.Tensor1D;
  private readonly uniforms: tf.Tensor1D;

  constructor(
    readonly size: number,
    private readonly random: Random,
  ) {
    const n = new Float32Array(size);
    const u = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      n[i] = random.normal();
      u[i] = random.next();
    }
    this.normals = tf.tensor1d(n);
    this.uniforms = tf.tensor1d(u);
  }

  private take(source: tf.Tensor1D, shape: number[]): tf.Tensor {
    const count = shape.reduce((a, b) => a * b, 1);
    if (count > this.size) throw new Error(`random bank of ${this.size} is smaller than ${count}`);
    const offset = this.random.int(this.size - count + 1);
    return tf.tidy(() => tf.reshape(tf.slice(source, offset, count), shape));
  }

  /** Normals with mean 0 and sd `sd` of the given shape. */
  normal(shape: number[], sd = 1): tf.Tensor {
    return tf.tidy(() => tf.mul(this.take(this.normals, shape), sd));
  }

  private masks = new Map<number, tf.Tensor1D>();

  /** Dropout mask of the given shape: 0 with probability `rate`, else 1 / (1 - rate). */
  dropoutMask(shape: number[], rate: number): tf.Tensor {
    let bank = this.masks.get(rate);
    if (!bank) {
      // keep: first drawn inside a training step's scope, it must outlive that step.
      bank = tf.keep(
        tf.tidy(() =>
          tf.mul(tf.cast(tf.greaterEqual(this.uniforms, rate), 'float32'), 1 / (1 - rate)),
        ) as tf.Tensor1D,
      );
      this.masks.set(rate, bank);
    }
    return this.take(bank, shape);
  }

  /** Uniforms in [0, 1) of the given shape. */
  uniform(shape: number[]): tf.Tensor {
    return this.take(this.uniforms, shape);
  }

  dispose(): void {
    this.normals.dispose();
    this.uniforms.dispose();
    for (const mask of this.masks.values()) mask.dispose();
  }
}

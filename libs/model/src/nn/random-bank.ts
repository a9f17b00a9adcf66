/**
 * Pre-drawn random tensors for the hot loop. tfjs draws randomNormal/randomUniform in JavaScript, which cost more
 * than the matMuls of a step at 256 x 2000. Slicing draws out of one big pre-drawn bank was no cure on wasm: its
 * Slice kernel reads the whole input, so each 256 x 256 attention-dropout mask cost ~6 ms (48 of them per
 * pretraining step, 270 ms). Instead the bank keeps, per shape, a small pool of tensors drawn once from the seeded
 * generator, and each draw combines two pool entries with one or two cheap elementwise ops:
 * - normal: (A +/- B) / sqrt(2) is again standard normal (A, B independent);
 * - uniform: frac(A +/- B) is again uniform on [0, 1);
 * - dropout mask: A * B with A, B in {0, 1/sqrt(1 - rate)} kept with probability sqrt(1 - rate), so the product
 *   is 0 with probability `rate`, else 1 / (1 - rate).
 * A pool of P tensors gives P(P-1) distinct normals and uniforms and P(P-1)/2 distinct masks. Each pool's values
 * depend only on the seed, its kind and its shape (its own generator), and the choice of entries draws from the
 * run's generator: so a run that resumes from a checkpoint, with the generator restored, draws what an
 * uninterrupted run would have drawn, whichever pools it fills first.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRandom, type Random } from '../random.js';

/** FNV-1a hash of a pool's name mixed with the seed: the seed of that pool's own generator. */
function poolSeed(seed: number, id: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash | 0;
}

/** Pools of pre-drawn random tensors on the device, by kind and shape. */
export class RandomBank {
  private readonly pools = new Map<string, tf.Tensor[]>();

  constructor(
    /** Chooses pool entries at each draw (the run's generator). */
    private readonly random: Random,
    /** Seeds the pools' contents. */
    private readonly seed: number,
    /** Tensors kept per kind and shape (memory: poolSize x the shape's size x 4 bytes each). */
    readonly poolSize = 8,
  ) {
    if (poolSize < 2) throw new Error(`random bank pool size must be at least 2, got ${poolSize}`);
  }

  private pool(key: string, shape: number[], draw: (random: Random) => number): tf.Tensor[] {
    const id = `${key}:${shape.join('x')}`;
    let pool = this.pools.get(id);
    if (!pool) {
      const size = shape.reduce((a, b) => a * b, 1);
      const random = createRandom(poolSeed(this.seed, id));
      pool = Array.from({ length: this.poolSize }, () => {
        const values = new Float32Array(size);
        for (let i = 0; i < size; i++) values[i] = draw(random);
        // keep: first drawn inside a training step's scope, a pool must outlive that step.
        return tf.keep(tf.tensor(values, shape));
      });
      this.pools.set(id, pool);
    }
    return pool;
  }

  /** Two different entries of a pool, in random order. */
  private pair(pool: tf.Tensor[]): [tf.Tensor, tf.Tensor] {
    const i = this.random.int(pool.length);
    const j = (i + 1 + this.random.int(pool.length - 1)) % pool.length;
    return [pool[i], pool[j]];
  }

  /** Normals with mean 0 and sd `sd` of the given shape. */
  normal(shape: number[], sd = 1): tf.Tensor {
    const [a, b] = this.pair(this.pool('normal', shape, (random) => random.normal()));
    const plus = this.random.next() < 0.5;
    return tf.tidy(() => tf.mul(plus ? tf.add(a, b) : tf.sub(a, b), sd / Math.SQRT2));
  }

  /** Uniforms in [0, 1) of the given shape. */
  uniform(shape: number[]): tf.Tensor {
    const [a, b] = this.pair(this.pool('uniform', shape, (random) => random.next()));
    const plus = this.random.next() < 0.5;
    return tf.tidy(() => {
      const sum = plus ? tf.add(a, b) : tf.sub(a, b);
      return tf.sub(sum, tf.floor(sum));
    });
  }

  /** Dropout mask of the given shape: 0 with probability `rate`, else 1 / (1 - rate). */
  dropoutMask(shape: number[], rate: number): tf.Tensor {
    const keep = Math.sqrt(1 - rate);
    const [a, b] = this.pair(
      this.pool(`dropout${rate}`, shape, (random) => (random.next() < keep ? 1 / keep : 0)),
    );
    return tf.mul(a, b);
  }

  dispose(): void {
    for (const pool of this.pools.values()) for (const t of pool) t.dispose();
    this.pools.clear();
  }
}

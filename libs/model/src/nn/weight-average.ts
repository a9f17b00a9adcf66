/**
 * Exponential moving average of a model's variables (Polyak averaging). The average of the last steps' weights is
 * less tied to the last mini-batches than the last weights are.
 */
import * as tf from '@tensorflow/tfjs-core';

export class WeightAverage {
  private readonly averages: tf.Variable[];
  private updates = 0;

  /** Starts the average at the variables' current values. */
  constructor(
    private readonly variables: tf.Variable[],
    private readonly decay: number,
  ) {
    this.averages = tf.tidy(() => variables.map((v) => tf.variable(v.clone(), false)));
  }

  /**
   * average = d * average + (1 - d) * variable, with TensorFlow's warm-up d = min(decay, (1 + t) / (10 + t)) at
   * update t: the starting values weigh 0.1 after the first update and are forgotten within the first steps.
   */
  update(): void {
    const d = Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
    this.updates++;
    tf.tidy(() =>
      this.averages.forEach((a, i) => a.assign(tf.add(tf.mul(a, d), tf.mul(this.variables[i], 1 - d)))),
    );
  }

  /** Sets the variables to their averages. */
  assign(): void {
    this.variables.forEach((v, i) => v.assign(this.averages[i]));
  }

  dispose(): void {
    for (const a of this.averages) a.dispose();
  }
}

/**
 * Adadelta with PyTorch's update (the reference trains the clustering stage with torch.optim.Adadelta, lr 1,
 * rho 0.95). tfjs's AdadeltaOptimizer divides by the accumulated squared gradient *before* adding the current
 * one, so its first step is plain SGD with the learning rate: with lr 1 that threw a pretrained network off in one
 * step (measured: reconstruction loss 2 -> 900). Here: acc_g = rho acc_g + (1-rho) g^2;
 * delta = sqrt(acc_u + eps) / sqrt(acc_g + eps) * g; acc_u = rho acc_u + (1-rho) delta^2; v -= lr delta.
 */
import * as tf from '@tensorflow/tfjs-core';

interface Slots {
  squaredGradient: tf.Variable;
  squaredUpdate: tf.Variable;
}

export class TorchAdadelta extends tf.Optimizer {
  static get className(): string {
    return 'TorchAdadelta';
  }

  private readonly slots = new Map<string, Slots>();

  constructor(
    readonly learningRate = 1,
    readonly rho = 0.9,
    readonly epsilon = 1e-6,
  ) {
    super();
  }

  override applyGradients(gradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const entries: [string, tf.Tensor][] = Array.isArray(gradients)
      ? gradients.map((g) => [g.name, g.tensor])
      : Object.entries(gradients);
    const registered = tf.engine().registeredVariables;
    for (const [name, gradient] of entries) {
      if (gradient == null) continue;
      const variable = registered[name];
      let slot = this.slots.get(name);
      if (!slot) {
        slot = tf.tidy(() => ({
          squaredGradient: tf.variable(tf.zerosLike(variable), false),
          squaredUpdate: tf.variable(tf.zerosLike(variable), false),
        }));
        this.slots.set(name, slot);
      }
      const { squaredGradient, squaredUpdate } = slot;
      tf.tidy(() => {
        const g2 = tf.add(tf.mul(squaredGradient, this.rho), tf.mul(tf.square(gradient), 1 - this.rho));
        const delta = tf.mul(
          tf.div(tf.sqrt(tf.add(squaredUpdate, this.epsilon)), tf.sqrt(tf.add(g2, this.epsilon))),
          gradient,
        );
        squaredGradient.assign(g2);
        squaredUpdate.assign(tf.add(tf.mul(squaredUpdate, this.rho), tf.mul(tf.square(delta), 1 - this.rho)));
        variable.assign(tf.sub(variable, tf.mul(delta, this.learningRate)));
      });
    }
    this.incrementIterations();
  }

  override dispose(): void {
    super.dispose();
    for (const { squaredGradient, squaredUpdate } of this.slots.values()) {
      squaredGradient.dispose();
      squaredUpdate.dispose();
    }
    this.slots.clear();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }
}

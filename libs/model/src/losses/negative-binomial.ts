/**
 * Negative-binomial negative log-likelihood, the reconstruction loss of scSAMAC (scDeepCluster's form):
 * per entry lgammaθ + lgamma(x+1) - lgamma(x+θ) + (θ+x) log(1+μ/θ) + x (log θ - log μ), averaged over entries.
 */
import * as tf from '@tensorflow/tfjs-core';
import { digamma, lgamma, lgammaValue } from '../nn/lgamma.js';

/** Keeps log(mean) and log(theta) finite where the clamps reach their floors. */
export const EPS = 1e-10;

function termsValue(x: tf.Tensor, mean: tf.Tensor, theta: tf.Tensor): tf.Tensor {
  const t1 = tf.sub(lgammaValue(theta), lgammaValue(tf.add(x, theta)));
  const t2 = tf.add(
    tf.mul(tf.add(theta, x), tf.log1p(tf.div(mean, theta))),
    tf.mul(x, tf.sub(tf.log(theta), tf.log(tf.add(mean, EPS)))),
  );
  return tf.add(t1, t2);
}

/**
 * Element-wise NB negative log-likelihood without the lgamma(x+1) term (which does not depend on the model),
 * with its analytic gradient (fewer ops than differentiating the lgamma series on 512k entries):
 * d/dμ = (θ+x)/(θ+μ) - x/μ,  d/dθ = ψ(θ) - ψ(x+θ) + log(1+μ/θ) + (x-μ)/(θ+μ).
 */
export function negativeBinomialTerms(x: tf.Tensor, mean: tf.Tensor, dispersion: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((m, d, save) => {
    const theta = tf.add(d as tf.Tensor, EPS);
    (save as tf.GradSaveFunc)([m as tf.Tensor, theta, x]);
    return {
      value: termsValue(x, m as tf.Tensor, theta),
      gradFunc: (dy, saved) => {
        const [mu, th, counts] = saved;
        const thetaPlusMean = tf.add(th, mu);
        const dMean = tf.sub(tf.div(tf.add(th, counts), thetaPlusMean), tf.div(counts, tf.add(mu, EPS)));
        const dTheta = tf.add(
          tf.sub(digamma(th), digamma(tf.add(counts, th))),
          tf.add(tf.log1p(tf.div(mu, th)), tf.div(tf.sub(counts, mu), thetaPlusMean)),
        );
        return [tf.mul(dy as tf.Tensor, dMean), tf.mul(dy as tf.Tensor, dTheta)];
      },
    };
  }) as (m: tf.Tensor, d: tf.Tensor) => tf.Tensor;
  return op(mean, dispersion);
}

/**
 * Mean NB negative log-likelihood of counts `x` under (`mean`, `dispersion`), a scalar. `logFactorialSum`, when
 * given, is the precomputed sum of lgamma(x+1) over the batch (constant, computed once from sparse counts);
 * otherwise it is computed here.
 */
export function negativeBinomialLoss(
  x: tf.Tensor,
  mean: tf.Tensor,
  dispersion: tf.Tensor,
  logFactorialSum?: number,
): tf.Scalar {
  return tf.tidy(() => {
    const terms = tf.sum(negativeBinomialTerms(x, mean, dispersion));
    const constant = logFactorialSum ?? tf.sum(lgamma(tf.add(x, 1)));
    return tf.div(tf.add(terms, constant), x.size) as tf.Scalar;
  });
}

/**
 * Zero-inflated NB negative log-likelihood (scDeepCluster's form): zeros come from the dropout point mass with
 * probability π or from the NB; non-zeros from the NB scaled by (1-π). Mean over entries.
 */
import * as tf from '@tensorflow/tfjs-core';
import { lgamma } from '../nn/lgamma.js';
import { negativeBinomialTerms } from './negative-binomial.js';

const EPS = 1e-10;

/** Mean ZINB negative log-likelihood of counts `x` under (`mean`, `dispersion`, `dropout` π), a scalar. */
export function zeroInflatedNegativeBinomialLoss(
  x: tf.Tensor,
  mean: tf.Tensor,
  dispersion: tf.Tensor,
  dropout: tf.Tensor,
  logFactorialSum?: number,
): tf.Scalar {
  return tf.tidy(() => {
    const theta = tf.add(dispersion, EPS);
    // NB case without lgamma(x+1) (added back below as a constant on the non-zero entries, where it lives).
    const nbCase = tf.sub(
      negativeBinomialTerms(x, mean, dispersion),
      tf.log(tf.add(tf.sub(1, dropout), EPS)),
    );
    // P_NB(0) = (θ/(θ+μ))^θ
    const zeroNb = tf.exp(tf.mul(theta, tf.log(tf.div(theta, tf.add(tf.add(theta, mean), EPS)))));
    const zeroCase = tf.neg(tf.log(tf.add(tf.add(dropout, tf.mul(tf.sub(1, dropout), zeroNb)), EPS)));
    const isZero = tf.lessEqual(x, 1e-8);
    const terms = tf.sum(tf.where(isZero, zeroCase, nbCase));
    // lgamma(0+1) = 0, so the constant is the same sum over every entry.
    const constant = logFactorialSum ?? tf.sum(lgamma(tf.add(x, 1)));
    return tf.div(tf.add(terms, constant), x.size) as tf.Scalar;
  });
}

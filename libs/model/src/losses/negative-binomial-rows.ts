/**
 * The NB loss's per-entry arithmetic in float64 JavaScript: value and gradient in the decoder's raw outputs for a
 * range of a batch's rows. `negative-binomial-logits.ts` runs it on the main thread and, with wasm on several
 * threads, on a helper thread too (`negative-binomial-helper.ts`), which evaluates these functions' source: so
 * they use only their arguments, `Math`, this module's `HALF_LOG_TWO_PI` and each other, never an import.
 */

/** ln sqrt(2π); the helper thread defines it from this value. */
export const HALF_LOG_TWO_PI = 0.9189385332046727;

/** log Γ(z) for z > 0 in float64: shift by six, then Stirling's series (error < 1e-10). */
export function logGamma(z: number): number {
  let shift = 0;
  let product = 1;
  while (z < 6) {
    product *= z;
    z += 1;
    shift++;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 + inv2 * (-1 / 360 + inv2 * (1 / 1260 - inv2 / 1680)));
  const value = (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series;
  return shift > 0 ? value - Math.log(product) : value;
}

/** ψ(z) (digamma) for z > 0 in float64: recurrence up to 6, then the asymptotic series. */
export function digammaValue(z: number): number {
  let correction = 0;
  while (z < 6) {
    correction += 1 / z;
    z += 1;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series = inv2 * (-1 / 12 + inv2 * (1 / 120 + inv2 * (-1 / 252 + inv2 / 240)));
  return Math.log(z) - 0.5 * inv + series - correction;
}

/** Where a batch's values are and which rows to do; `terms`, when given, receives each entry's loss term. */
export interface NegativeBinomialRows {
  /** [rows, 2G]: mean logits, then dispersion logits. */
  logits: Float32Array;
  /** [rows, G] raw counts. */
  counts: Float32Array;
  /** [rows]. */
  sizeFactors: Float32Array;
  genes: number;
  rowStart: number;
  rowEnd: number;
  /** [rows, 2G]: d(term)/d(logit), written for the rows done. */
  gradient: Float32Array;
  /** [(rowEnd - rowStart) * G] or null: the terms in order, for a sum that goes on in another thread. */
  terms: Float64Array | null;
  /** [mean low, mean high, dispersion low, dispersion high, eps]: the clamps of `nn/network.ts` and the loss's eps. */
  limits: ArrayLike<number>;
}

/**
 * The NB negative log-likelihood terms (without lgamma(x + 1)) of rows [rowStart, rowEnd) and their gradient in
 * the logits, with the decoder's links folded in: mean = clamp(exp(a)) x size factor, dispersion =
 * clamp(softplus(b)) + eps. Returns the terms' sum, added in row order.
 */
export function negativeBinomialRows(r: NegativeBinomialRows): number {
  const { logits, counts, sizeFactors, genes, gradient, terms } = r;
  const meanLow = r.limits[0];
  const meanHigh = r.limits[1];
  const thetaLow = r.limits[2];
  const thetaHigh = r.limits[3];
  const eps = r.limits[4];
  let sum = 0;
  for (let i = r.rowStart; i < r.rowEnd; i++) {
    const sizeFactor = sizeFactors[i];
    const rowLogits = i * 2 * genes;
    const rowTerms = (i - r.rowStart) * genes;
    for (let j = 0; j < genes; j++) {
      const a = logits[rowLogits + j];
      const b = logits[rowLogits + genes + j];
      const x = counts[i * genes + j];
      // Links, and the derivative of each clamp (1 inside its range, 0 outside, as tfjs's clipByValue).
      const expA = Math.exp(a);
      const meanInside = expA >= meanLow && expA <= meanHigh;
      const mu = Math.min(Math.max(expA, meanLow), meanHigh) * sizeFactor;
      const expB = b > 30 ? 0 : Math.exp(b);
      const softplus = b > 30 ? b : Math.log1p(expB);
      const thetaInside = softplus >= thetaLow && softplus <= thetaHigh;
      const theta = Math.min(Math.max(softplus, thetaLow), thetaHigh) + eps;
      const logRatio = Math.log1p(mu / theta);
      const thetaPlusMean = theta + mu;
      let term = (theta + x) * logRatio;
      let dTheta = logRatio + (x - mu) / thetaPlusMean;
      let dMean = (theta + x) / thetaPlusMean;
      if (x !== 0) {
        // lgamma(x+θ) - lgamma(θ) and ψ(x+θ) - ψ(θ): for a small whole count, the log of θ(θ+1)...(θ+x-1) and
        // the sum of the reciprocals (exact, and much cheaper than two series); else the series.
        let logGammaRatio: number;
        let digammaDifference: number;
        if (x <= 16 && Number.isInteger(x)) {
          let product = theta;
          digammaDifference = 1 / theta;
          for (let k = 1; k < x; k++) {
            product *= theta + k;
            digammaDifference += 1 / (theta + k);
          }
          logGammaRatio = Math.log(product);
        } else {
          logGammaRatio = logGamma(x + theta) - logGamma(theta);
          digammaDifference = digammaValue(x + theta) - digammaValue(theta);
        }
        term += x * (Math.log(theta) - Math.log(mu + eps)) - logGammaRatio;
        dTheta -= digammaDifference;
        dMean -= x / (mu + eps);
      }
      sum += term;
      if (terms) terms[rowTerms + j] = term;
      // d mu / d a = mu (exp times the size factor).
      gradient[rowLogits + j] = meanInside ? dMean * mu : 0;
      // d softplus / d b = sigmoid(b) = e^b / (1 + e^b).
      gradient[rowLogits + genes + j] = thetaInside ? (b > 30 ? dTheta : (dTheta * expB) / (1 + expB)) : 0;
    }
  }
  return sum;
}

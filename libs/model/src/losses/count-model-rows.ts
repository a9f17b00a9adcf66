/**
 * The NB and ZINB losses' per-entry arithmetic in float64 JavaScript: value and gradient in the decoder's raw outputs
 * for a range of a batch's rows. `count-model-logits.ts` runs it on the main thread and, with wasm on several
 * threads, on a helper thread too (`count-model-rows-parallel.ts`), which evaluates these functions' source: so
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

/**
 * lgamma(x + θ) - lgamma(θ) into out[0] and ψ(x + θ) - ψ(θ) into out[1], for a count x > 0: for a small whole count,
 * the log of θ(θ+1)...(θ+x-1) and the sum of the reciprocals (exact, and much cheaper than two series); else the
 * series.
 */
export function gammaDifferences(x: number, theta: number, out: Float64Array): void {
  if (x <= 16 && Number.isInteger(x)) {
    let product = theta;
    let digammaDifference = 1 / theta;
    for (let k = 1; k < x; k++) {
      product *= theta + k;
      digammaDifference += 1 / (theta + k);
    }
    out[0] = Math.log(product);
    out[1] = digammaDifference;
  } else {
    out[0] = logGamma(x + theta) - logGamma(theta);
    out[1] = digammaValue(x + theta) - digammaValue(theta);
  }
}

/** Where a batch's values are and which rows to do; `terms`, when given, receives each entry's loss term. */
export interface CountModelRows {
  /** [rows, 2G] (ZINB: [rows, 3G]): mean logits, then dispersion logits (then dropout logits). */
  logits: Float32Array;
  /** [rows, G] raw counts. */
  counts: Float32Array;
  /** [rows]. */
  sizeFactors: Float32Array;
  genes: number;
  rowStart: number;
  rowEnd: number;
  /** Shaped as `logits`: d(term)/d(logit), written for the rows done. */
  gradient: Float32Array;
  /** [(rowEnd - rowStart) * G] or null: the terms in order, for a sum that goes on in another thread. */
  terms: Float64Array | null;
  /** [mean low, mean high, dispersion low, dispersion high, eps]: the clamps of `nn/network.ts` and the loss's eps. */
  limits: ArrayLike<number>;
}

/**
 * The NB (or, with `zeroInflated`, ZINB) negative log-likelihood terms (without lgamma(x + 1)) of rows
 * [rowStart, rowEnd) and their gradient in the logits, with the decoder's links folded in: mean = clamp(exp(a)) x
 * size factor, dispersion = clamp(softplus(b)) + eps, and for ZINB dropout π = sigmoid(c), a zero count costing
 * -log(π + (1 - π) (θ / (θ + μ))^θ) and any other the NB term - log(1 - π) (`zero-inflated-negative-binomial.ts`).
 * Returns the terms' sum, added in row order.
 */
export function countModelRows(r: CountModelRows, zeroInflated: boolean): number {
  const { logits, counts, sizeFactors, genes, gradient, terms } = r;
  const meanLow = r.limits[0];
  const meanHigh = r.limits[1];
  const thetaLow = r.limits[2];
  const thetaHigh = r.limits[3];
  const eps = r.limits[4];
  const heads = zeroInflated ? 3 : 2;
  const gammas = new Float64Array(2);
  let sum = 0;
  for (let i = r.rowStart; i < r.rowEnd; i++) {
    const sizeFactor = sizeFactors[i];
    const rowLogits = i * heads * genes;
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
      const pi = zeroInflated ? 1 / (1 + Math.exp(-logits[rowLogits + 2 * genes + j])) : 0;
      let term: number;
      let dTheta: number;
      let dMean: number;
      let dPi = 0;
      if (zeroInflated && x <= 1e-8) {
        // Z = P_NB(0) = (θ / (θ + μ + eps))^θ; term = -log(D), D = π + (1 - π) Z + eps.
        const denominator = theta + mu + eps;
        const logRatio = Math.log(theta / denominator);
        const zeroNb = Math.exp(theta * logRatio);
        const d = pi + (1 - pi) * zeroNb + eps;
        term = -Math.log(d);
        const dZero = (-(1 - pi) / d) * zeroNb;
        dMean = dZero * (-theta / denominator);
        dTheta = dZero * (logRatio + 1 - theta / denominator);
        dPi = -(1 - zeroNb) / d;
      } else {
        const logRatio = Math.log1p(mu / theta);
        const thetaPlusMean = theta + mu;
        term = (theta + x) * logRatio;
        dTheta = logRatio + (x - mu) / thetaPlusMean;
        dMean = (theta + x) / thetaPlusMean;
        if (x !== 0) {
          gammaDifferences(x, theta, gammas);
          term += x * (Math.log(theta) - Math.log(mu + eps)) - gammas[0];
          dTheta -= gammas[1];
          dMean -= x / (mu + eps);
        }
        if (zeroInflated) {
          term -= Math.log(1 - pi + eps);
          dPi = 1 / (1 - pi + eps);
        }
      }
      sum += term;
      if (terms) terms[rowTerms + j] = term;
      // d mu / d a = mu (exp times the size factor).
      gradient[rowLogits + j] = meanInside ? dMean * mu : 0;
      // d softplus / d b = sigmoid(b) = e^b / (1 + e^b).
      gradient[rowLogits + genes + j] = thetaInside ? (b > 30 ? dTheta : (dTheta * expB) / (1 + expB)) : 0;
      // d sigmoid / d c = π (1 - π).
      if (zeroInflated) gradient[rowLogits + 2 * genes + j] = dPi * pi * (1 - pi);
    }
  }
  return sum;
}

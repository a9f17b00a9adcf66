import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { countModel, type Reconstruction } from '../nn/network.js';
import { lgammaValue } from '../nn/lgamma.js';
import { analyticGradient, maxRelativeError, numericGradient, values } from '../test/gradient-check.js';
import { countModelLossFromLogits } from './count-model-logits.js';
import { digammaValue, logGamma } from './count-model-rows.js';
import { negativeBinomialLoss } from './negative-binomial.js';
import { zeroInflatedNegativeBinomialLoss } from './zero-inflated-negative-binomial.js';

beforeAll(async () => {
  await initBackend();
});

describe('logGamma and digammaValue (float64 scalars)', () => {
  it('match known values', () => {
    // Γ(1/2) = sqrt(π), Γ(5) = 24, Γ(1e-4) ≈ 1e4 - γ; ψ(1) = -γ, ψ(1/2) = -γ - 2 log 2, ψ(100) from tables.
    const eulerGamma = 0.5772156649015329;
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 9);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 9);
    expect(logGamma(1e-4)).toBeCloseTo(Math.log(9999.422883231624), 9);
    expect(logGamma(1000)).toBeCloseTo(5905.220423209181, 8);
    expect(digammaValue(1)).toBeCloseTo(-eulerGamma, 9);
    expect(digammaValue(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.LN2, 9);
    expect(digammaValue(100)).toBeCloseTo(4.600161852738087, 9);
  });
});

/** Logits whose links land inside and outside the clamps, counts with zeros, small, large and fractional values. */
function batch(rows: number, genes: number, heads: number) {
  const logits = values(rows * heads * genes, -14, 16, 3);
  const counts = values(rows * genes, -3, 40, 4).map((v) => (v < 0 ? 0 : v < 20 ? Math.floor(v) : v * 7.3));
  const sizeFactors = values(rows, 0.3, 3, 5);
  return { logits, counts, sizeFactors };
}

// The fused loss of each count model against the decoder's links followed by the op-by-op loss (tested against
// scipy in negative-binomial.test.ts and zero-inflated-negative-binomial.test.ts).
describe.each([
  {
    name: 'NB',
    zeroInflated: false,
    heads: 2,
    valueTolerance: 1e-5,
    opByOpLoss: (counts: tf.Tensor2D, r: Reconstruction, logFactorialSum: number) =>
      negativeBinomialLoss(counts, r.mean, r.dispersion, logFactorialSum),
  },
  {
    name: 'ZINB',
    zeroInflated: true,
    heads: 3,
    // The op-by-op form works in float32: for dropout logits up to 16, 1 - π there is 0 or a few ulp of 1, and
    // log(1 - π + eps) moves the total by about 1e-5 relative; the fused pass works in float64.
    valueTolerance: 5e-5,
    opByOpLoss: (counts: tf.Tensor2D, r: Reconstruction, logFactorialSum: number) =>
      zeroInflatedNegativeBinomialLoss(counts, r.mean, r.dispersion, r.dropout!, logFactorialSum),
  },
])('countModelLossFromLogits ($name)', ({ zeroInflated, heads, valueTolerance, opByOpLoss }) => {
  const rows = 6;
  const genes = 9;
  const { logits, counts, sizeFactors } = batch(rows, genes, heads);
  const countsTensor = () => tf.tensor2d(counts, [rows, genes]);
  const sizeFactorTensor = () => tf.tensor2d(sizeFactors, [rows, 1]);
  let logFactorialSum = 0;
  for (const x of counts) logFactorialSum += logGamma(x + 1);

  const opByOp = (l: tf.Tensor) =>
    opByOpLoss(
      countsTensor(),
      countModel(l as tf.Tensor2D, sizeFactorTensor(), zeroInflated),
      logFactorialSum,
    );
  const fused = (l: tf.Tensor) =>
    countModelLossFromLogits(
      countsTensor(),
      l as tf.Tensor2D,
      sizeFactorTensor(),
      logFactorialSum,
      zeroInflated,
    );

  it('equals the decoder links followed by the op-by-op loss', () => {
    const expected = tf.tidy(() => opByOp(tf.tensor2d(logits, [rows, heads * genes])).dataSync()[0]);
    const actual = tf.tidy(() => fused(tf.tensor2d(logits, [rows, heads * genes])).dataSync()[0]);
    expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(valueTolerance);
  });

  it('has the same gradient in the logits as the op-by-op path, and as finite differences', () => {
    const shape = [rows, heads * genes];
    const fusedGradient = analyticGradient(fused, logits, shape);
    expect(maxRelativeError(fusedGradient, analyticGradient(opByOp, logits, shape))).toBeLessThan(1e-4);
    // Finite differences on the unclamped entries (a clamp's kink has no derivative there); the dropout head has no
    // clamp.
    const numeric = numericGradient(fused, logits, shape, 1e-3);
    let checked = 0;
    for (let i = 0; i < logits.length; i++) {
      const column = i % (heads * genes);
      if (column < 2 * genes) {
        const link = column < genes ? Math.exp(logits[i]) : Math.log1p(Math.exp(logits[i]));
        const range = column < genes ? [1e-5, 1e6] : [1e-4, 1e4];
        if (link < range[0] * 1.1 || link > range[1] / 1.1) continue;
      }
      expect(Math.abs(fusedGradient[i] - numeric[i])).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric[i])));
      checked++;
    }
    expect(checked).toBeGreaterThan(logits.length / 2);
  });

  it('rejects logits that are not as many heads wide', () => {
    expect(() =>
      tf.tidy(() =>
        countModelLossFromLogits(
          countsTensor(),
          tf.zeros([rows, genes]) as tf.Tensor2D,
          sizeFactorTensor(),
          0,
          zeroInflated,
        ),
      ),
    ).toThrow(new RegExp(`expected ${heads} x 9 genes`));
  });
});

describe('logGamma against the tfjs series', () => {
  it('agrees with lgammaValue (the tfjs series) on the gamma terms', () => {
    const z = [1e-4, 0.3, 1, 7.5, 123.4, 9999];
    const tfValues = tf.tidy(() => lgammaValue(tf.tensor1d(z)).dataSync());
    z.forEach((v, i) => expect(logGamma(v)).toBeCloseTo(tfValues[i], 2));
  });
});

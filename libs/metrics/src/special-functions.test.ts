import { describe, expect, it } from 'vitest';
import { erfc, logGamma, twoSidedNormalPValue } from './special-functions.js';
import { loadFixture } from './test/fixtures.js';

interface SpecialFixture {
  erfc: { x: number[]; y: number[] };
  logGamma: { x: number[]; y: number[] };
  twoSidedNormalPValue: { z: number[]; p: number[] };
}

const fixture = loadFixture<SpecialFixture>('special-functions.json');

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe('special functions against scipy.special', () => {
  it('erfc agrees to 1e-12 relative, also deep in the tail', () => {
    fixture.erfc.x.forEach((x, k) => {
      expect(relativeError(erfc(x), fixture.erfc.y[k]), `erfc(${x})`).toBeLessThan(1e-12);
    });
  });

  it('logGamma agrees to 1e-13 relative from 1e-8 to 1e7', () => {
    fixture.logGamma.x.forEach((x, k) => {
      const expected = fixture.logGamma.y[k];
      const error = Math.abs(logGamma(x) - expected) / Math.max(1, Math.abs(expected));
      expect(error, `logGamma(${x})`).toBeLessThan(1e-13);
    });
  });

  it('two-sided normal p-values equal 2 * norm.sf(|z|) to 1e-12 relative', () => {
    fixture.twoSidedNormalPValue.z.forEach((z, k) => {
      expect(
        relativeError(twoSidedNormalPValue(z), fixture.twoSidedNormalPValue.p[k]),
        `z=${z}`,
      ).toBeLessThan(1e-12);
      expect(twoSidedNormalPValue(-z)).toBe(twoSidedNormalPValue(z));
    });
  });

  it('handles the edges: Γ(1) = Γ(2) = 1, erfc(0) = 1, NaN in gives NaN out', () => {
    expect(logGamma(1)).toBeCloseTo(0, 15);
    expect(logGamma(2)).toBeCloseTo(0, 15);
    expect(erfc(0)).toBe(1);
    expect(erfc(Number.NaN)).toBeNaN();
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });
});

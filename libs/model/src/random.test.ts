import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws uniforms with mean 1/2 and normals with mean 0 and variance 1', () => {
    const random = createRandom(1);
    const n = 100_000;
    let sum = 0;
    let sumNormal = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      sum += random.next();
      const z = random.normal();
      sumNormal += z;
      sumSquares += z * z;
    }
    // Standard errors: uniform mean 0.0009, normal mean 0.003, normal variance 0.0045; allow ~4.5 of them.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.004);
    expect(Math.abs(sumNormal / n)).toBeLessThan(0.015);
    expect(Math.abs(sumSquares / n - 1)).toBeLessThan(0.02);
  });

  it('shuffles into a permutation', () => {
    const values = Int32Array.from({ length: 50 }, (_, i) => i);
    createRandom(3).shuffle(values);
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...values]).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

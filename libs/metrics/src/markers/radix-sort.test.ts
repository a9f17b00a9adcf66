import { describe, expect, it } from 'vitest';
import { RadixScratch, sortSegmentByKey } from './radix-sort.js';

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

describe('sortSegmentByKey', () => {
  it.each([0, 1, 5, 47, 48, 49, 300, 5000])(
    'sorts a segment of %i keys stably, leaving the rest alone',
    (length) => {
      const next = lcg(length + 1);
      const total = length + 20;
      const keys = new Uint32Array(total);
      const payload = new Int32Array(total);
      for (let i = 0; i < total; i++) {
        // Few distinct high digits and many ties, as log-normalised values give.
        keys[i] = (next() % 7) * 2 ** 29 + (next() % 50) * 4096;
        payload[i] = i;
      }
      const before = Array.from(keys);
      sortSegmentByKey(keys, payload, 10, 10 + length, new RadixScratch(length));
      const expected = before
        .slice(10, 10 + length)
        .map((key, k) => ({ key, index: 10 + k }))
        .sort((a, b) => a.key - b.key || a.index - b.index);
      expect(Array.from(keys.subarray(10, 10 + length))).toEqual(expected.map((e) => e.key));
      expect(Array.from(payload.subarray(10, 10 + length))).toEqual(expected.map((e) => e.index));
      expect(Array.from(keys.subarray(0, 10))).toEqual(before.slice(0, 10));
      expect(Array.from(keys.subarray(10 + length))).toEqual(before.slice(10 + length));
    },
  );

  it('orders the full unsigned range, including keys with the top bit set', () => {
    const keys = Uint32Array.from({ length: 100 }, (_, i) => (i % 2 ? 0xffffffff - i : i * 40_000_000));
    const payload = Int32Array.from({ length: 100 }, (_, i) => i);
    sortSegmentByKey(keys, payload, 0, 100, new RadixScratch(100));
    for (let i = 1; i < 100; i++) expect(keys[i]).toBeGreaterThanOrEqual(keys[i - 1]);
  });
});

// Below this length insertion sort beats the radix passes and their histograms.
const INSERTION_BELOW = 48;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const SHIFTS = [0, 11, 22] as const;

/**
 * Reusable scratch space for {@link sortSegmentByKey}; `capacity` is the longest segment it will sort.
 * Keeping it outside the per-gene loop avoids allocating per gene.
 */
export class RadixScratch {
  readonly keys: Uint32Array;
  readonly payload: Int32Array;
  readonly histogram = new Int32Array(BUCKETS);

  constructor(capacity: number) {
    this.keys = new Uint32Array(capacity);
    this.payload = new Int32Array(capacity);
  }
}

/**
 * Sorts `keys[start..end)` ascending as unsigned 32-bit integers, moving `payload` along: an LSD radix sort with
 * three 11-bit digits (a digit all keys share is skipped), insertion sort for short segments. Stable.
 * O(length + 2^11) per segment; typed-array `sort()` is several times slower on millions of doubles in Node 20.
 */
export function sortSegmentByKey(
  keys: Uint32Array,
  payload: Int32Array,
  start: number,
  end: number,
  scratch: RadixScratch,
): void {
  const length = end - start;
  if (length < INSERTION_BELOW) {
    for (let i = start + 1; i < end; i++) {
      const key = keys[i];
      const value = payload[i];
      let j = i - 1;
      while (j >= start && keys[j] > key) {
        keys[j + 1] = keys[j];
        payload[j + 1] = payload[j];
        j--;
      }
      keys[j + 1] = key;
      payload[j + 1] = value;
    }
    return;
  }
  const histogram = scratch.histogram;
  let sourceKeys = keys;
  let sourcePayload = payload;
  let sourceOffset = start;
  let targetKeys = scratch.keys;
  let targetPayload = scratch.payload;
  let targetOffset = 0;
  for (const shift of SHIFTS) {
    histogram.fill(0);
    for (let i = 0; i < length; i++) histogram[(sourceKeys[sourceOffset + i] >>> shift) & (BUCKETS - 1)]++;
    if (histogram[(sourceKeys[sourceOffset] >>> shift) & (BUCKETS - 1)] === length) continue;
    let total = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const count = histogram[b];
      histogram[b] = total;
      total += count;
    }
    for (let i = 0; i < length; i++) {
      const key = sourceKeys[sourceOffset + i];
      const position = targetOffset + histogram[(key >>> shift) & (BUCKETS - 1)]++;
      targetKeys[position] = key;
      targetPayload[position] = sourcePayload[sourceOffset + i];
    }
    [sourceKeys, targetKeys] = [targetKeys, sourceKeys];
    [sourcePayload, targetPayload] = [targetPayload, sourcePayload];
    [sourceOffset, targetOffset] = [targetOffset, sourceOffset];
  }
  if (sourceKeys !== keys) {
    keys.set(sourceKeys.subarray(sourceOffset, sourceOffset + length), start);
    payload.set(sourcePayload.subarray(sourceOffset, sourceOffset + length), start);
  }
}

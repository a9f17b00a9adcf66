import { MetricsInputError } from './errors.js';

/** Cluster or class labels, one per cell: integers, any numbers or strings. */
export type Labels = ArrayLike<number> | ArrayLike<string>;

/** Labels mapped to dense codes `0..values.length-1`, in sorted order of the distinct labels (as numpy.unique). */
export interface EncodedLabels {
  /** `codes[i]` is the index in `values` of label i. */
  codes: Int32Array;
  /** The distinct labels, sorted numerically for numbers and by UTF-16 code units for strings. */
  values: number[] | string[];
  /** `sizes[c]` is how many labels have code c. */
  sizes: Int32Array;
}

// Integer labels whose range is at most this many times the number of labels are coded through a lookup table,
// which avoids hashing a million labels.
const DIRECT_RANGE_FACTOR = 4;

/**
 * Maps labels to dense integer codes. Throws {@link MetricsInputError} for an empty array (`EMPTY`), a NaN or
 * infinite number (`NOT_FINITE`), or a value that is neither a number nor a string (`INVALID_LABEL`).
 * `what` names the array in error messages.
 */
export function encodeLabels(labels: Labels, what = 'labels'): EncodedLabels {
  const n = labels.length;
  if (n === 0) throw new MetricsInputError('EMPTY', `${what} are empty`);
  return typeof labels[0] === 'string'
    ? encodeStrings(labels as ArrayLike<string>, what)
    : encodeNumbers(labels as ArrayLike<number>, what);
}

function encodeNumbers(labels: ArrayLike<number>, what: string): EncodedLabels {
  const n = labels.length;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const value = labels[i];
    if (typeof value !== 'number') {
      throw new MetricsInputError('INVALID_LABEL', `${what}[${i}] is ${describe(value)}, expected a number`);
    }
    if (!Number.isFinite(value)) {
      throw new MetricsInputError('NOT_FINITE', `${what}[${i}] is ${value}; labels must be finite`);
    }
    if (value < min) min = value;
    if (value > max) max = value;
    if (integers && !Number.isInteger(value)) integers = false;
  }
  const codes = new Int32Array(n);
  if (integers && max - min <= DIRECT_RANGE_FACTOR * n) {
    const lookup = new Int32Array(max - min + 1).fill(-1);
    for (let i = 0; i < n; i++) lookup[labels[i] - min] = 0;
    const values: number[] = [];
    for (let v = 0; v < lookup.length; v++) {
      if (lookup[v] === 0) {
        lookup[v] = values.length;
        values.push(v + min);
      }
    }
    for (let i = 0; i < n; i++) codes[i] = lookup[labels[i] - min];
    return { codes, values, sizes: countCodes(codes, values.length) };
  }
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) seen.set(labels[i], 0);
  const distinct = [...seen.keys()].sort((a, b) => a - b);
  distinct.forEach((value, code) => seen.set(value, code));
  for (let i = 0; i < n; i++) codes[i] = seen.get(labels[i]) as number;
  return { codes, values: distinct, sizes: countCodes(codes, distinct.length) };
}

function encodeStrings(labels: ArrayLike<string>, what: string): EncodedLabels {
  const n = labels.length;
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const value = labels[i];
    if (typeof value !== 'string') {
      throw new MetricsInputError('INVALID_LABEL', `${what}[${i}] is ${describe(value)}, expected a string`);
    }
    seen.set(value, 0);
  }
  const distinct = [...seen.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  distinct.forEach((value, code) => seen.set(value, code));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = seen.get(labels[i]) as number;
  return { codes, values: distinct, sizes: countCodes(codes, distinct.length) };
}

function countCodes(codes: Int32Array, count: number): Int32Array {
  const sizes = new Int32Array(count);
  for (let i = 0; i < codes.length; i++) sizes[codes[i]]++;
  return sizes;
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/** Throws `LENGTH_MISMATCH` unless both label arrays have the same length (and `EMPTY` if they are empty). */
export function checkSameLength(truth: Labels, pred: Labels): void {
  if (truth.length !== pred.length) {
    throw new MetricsInputError(
      'LENGTH_MISMATCH',
      `truth has ${truth.length} labels but pred has ${pred.length}; they must label the same cells`,
    );
  }
  if (truth.length === 0) throw new MetricsInputError('EMPTY', 'truth and pred are empty');
}

import { naturalCompare } from './confusion';
import { extent } from './stats';

/**
 * Splits a run's 2-D embedding, stored as interleaved `[x0, y0, x1, y1, ...]` for `cells` cells, into one array per
 * axis (what the scatter takes).
 */
export function splitCoordinates(embedding: { cells: number; coordinates: readonly number[] }): {
  x: Float32Array;
  y: Float32Array;
} {
  const x = new Float32Array(embedding.cells);
  const y = new Float32Array(embedding.cells);
  for (let cell = 0; cell < embedding.cells; cell += 1) {
    x[cell] = embedding.coordinates[2 * cell]!;
    y[cell] = embedding.coordinates[2 * cell + 1]!;
  }
  return { x, y };
}

/**
 * Maps 2-D coordinates into [-1, 1] x [-1, 1] (what regl-scatterplot draws), keeping the aspect ratio so distances
 * look the same along both axes, with a small margin so edge points are not cut.
 */
export function toDeviceCoordinates(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  margin = 0.05,
): { x: Float32Array; y: Float32Array } {
  if (x.length !== y.length) throw new Error(`x has ${x.length} coordinates but y has ${y.length}`);
  const count = x.length;
  const { min: minX, max: maxX } = extent(x);
  const { min: minY, max: maxY } = extent(y);
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const scale = (2 * (1 - margin)) / span;
  const centreX = (minX + maxX) / 2;
  const centreY = (minY + maxY) / 2;
  const outX = new Float32Array(count);
  const outY = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    outX[i] = (x[i]! - centreX) * scale;
    outY[i] = (y[i]! - centreY) * scale;
  }
  return { x: outX, y: outY };
}

/** Scales values into [0, 1] by their minimum and maximum (all zeros when they are constant). */
export function toUnitRange(values: ArrayLike<number>): { values: Float32Array; min: number; max: number } {
  const { min, max } = extent(values);
  const out = new Float32Array(values.length);
  const span = max - min;
  if (span > 0) for (let i = 0; i < values.length; i += 1) out[i] = (values[i]! - min) / span;
  return { values: out, min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 0 };
}

/** Turns labels of any kind into category codes 0..n-1, names sorted naturally so a legend reads in order. */
export function encodeCategories(labels: readonly (string | number)[]): {
  codes: Int32Array;
  names: string[];
} {
  const names = [...new Set(labels.map(String))].sort(naturalCompare);
  const index = new Map(names.map((name, position) => [name, position]));
  const codes = new Int32Array(labels.length);
  labels.forEach((label, position) => {
    codes[position] = index.get(String(label))!;
  });
  return { codes, names };
}

/**
 * At most `limit` point indices spread evenly over `0..count-1` (every (count/limit)-th point), the level of detail
 * the scatter draws while the view moves. Even spacing keeps each cluster's share whatever order the cells are in.
 */
export function evenSample(count: number, limit: number): number[] {
  if (count <= limit) return Array.from({ length: count }, (_, index) => index);
  const stride = count / limit;
  return Array.from({ length: limit }, (_, index) => Math.floor(index * stride));
}

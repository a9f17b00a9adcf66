import type { CsrMatrix, DenseMatrix } from '../matrix.js';
import { toDense } from './dense.js';

/** Options of {@link scale}. */
export interface ScaleOptions {
  /** Clip scaled values to [-maxValue, maxValue] (scanpy's `max_value`). Default: no clipping. */
  maxValue?: number;
}

function isCsr(m: CsrMatrix | DenseMatrix): m is CsrMatrix {
  return 'indptr' in m;
}

/**
 * Centres every column to mean 0 and divides it by its sample standard deviation (ddof 1; constant columns become
 * 0), then clips to ±`maxValue` when given. Returns a new dense matrix; the input is not changed.
 */
export function scale(m: CsrMatrix | DenseMatrix, options: ScaleOptions = {}): DenseMatrix {
  const dense = isCsr(m) ? toDense(m) : { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) };
  const { rows, cols, data } = dense;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let j = 0; j < cols; j++) mean[j] += data[offset + j];
  }
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  const squares = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[offset + j] - mean[j];
      squares[j] += d * d;
    }
  }
  const inverseSd = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const sd = rows > 1 ? Math.sqrt(squares[j] / (rows - 1)) : 0;
    inverseSd[j] = 1 / Math.max(sd, 1e-12);
  }
  const limit = options.maxValue ?? Infinity;
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = (data[offset + j] - mean[j]) * inverseSd[j];
      data[offset + j] = v > limit ? limit : v < -limit ? -limit : v;
    }
  }
  return dense;
}

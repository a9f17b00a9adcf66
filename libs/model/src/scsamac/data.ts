/**
 * Preprocessing for scSAMAC and the mini-batches it trains on. The matrix stays sparse: raw counts (for the
 * likelihood) and log-normalised values (for the encoder) are CSR; a batch is densified only when it is used,
 * standardised on the fly with the genes' means and sample sds (the scaled matrix itself would be dense).
 */
import type { CsrMatrix } from '../matrix.js';
import * as pp from '../pp/index.js';
import type { Random } from '../random.js';

/** Everything training needs from the data. */
export interface PreparedData {
  /**
   * Input row of each training cell, in content order (see contentOrder); cells with no counts on the kept genes are
   * left out of training.
   */
  cells: Int32Array;
  /** Original column of each kept gene, in model order. */
  genes: Int32Array;
  counts: CsrMatrix;
  logNormalised: CsrMatrix;
  geneMean: Float32Array;
  geneInverseSd: Float32Array;
  sizeFactors: Float32Array;
  /** Total each cell is scaled to before log1p (kept so new cells are normalised the same way). */
  targetSum: number;
  /** sum_j lgamma(x_ij + 1) of each cell: the constant of the NB likelihood, computed once. */
  logFactorials: Float64Array;
}

/** Preprocessing options (a subset of ScsamacOptions). */
export interface PrepareOptions {
  /** Seed of the cells' content order (see contentOrder). */
  seed: number;
  /** Total each cell is scaled to before log1p; null: the median library size. */
  targetSum: number | null;
  minCellCounts: number;
  minGeneCounts: number;
  topGenes: number;
  extraDropout: number;
}

function lgammaPlusOne(n: number): number {
  // log n! for count values: exact sum for small n, Stirling beyond (counts are integers in practice).
  if (n < 2) return 0;
  if (n < 64) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.9189385332046727 + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/**
 * The rows of `m` ordered by a hash of their contents (column indices and values) and `seed`, ties by row: the order
 * in which scSAMAC trains on and embeds cells, instead of the file's. Attention mixes the cells of a batch, so with
 * the file's order a file sorted by cell type or sample would put cells of one kind together in every inference batch
 * (a pretrained model's z of CITE_CBMC moved by 24% between its file order and its label-sorted order). By content the
 * batches are mixed whatever the order, and the same cells in any order give the same result. The seed makes each
 * run's partition into batches its own draw, as its shuffles are, instead of one partition shared by every seed.
 */
export function contentOrder(m: CsrMatrix, seed: number): Int32Array {
  const hashes = new Uint32Array(m.rows);
  const bits = new Uint32Array(m.data.buffer, m.data.byteOffset, m.data.length);
  for (let i = 0; i < m.rows; i++) {
    // FNV-1a over the row's (column, value bits) pairs, then MurmurHash3's finaliser with the seed mixed in, so
    // that each seed gives an unrelated order.
    let h = 0x811c9dc5;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      h = Math.imul(h ^ m.indices[p], 0x01000193);
      h = Math.imul(h ^ bits[p], 0x01000193);
    }
    h ^= Math.imul(seed | 0, 0x9e3779b9);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    hashes[i] = (h ^ (h >>> 16)) >>> 0;
  }
  return Int32Array.from({ length: m.rows }, (_, i) => i).sort((a, b) => hashes[a] - hashes[b] || a - b);
}

function dropCounts(m: CsrMatrix, fraction: number, random: Random): CsrMatrix {
  // Zero a random `fraction` of the non-zero counts (the paper's dropout-robustness experiment).
  const data = Float32Array.from(m.data);
  for (let p = 0; p < data.length; p++) if (random.next() < fraction) data[p] = 0;
  return { ...m, data };
}

/** Filter, optional extra dropout, top-N dispersed genes, size factors, log-normalisation and gene statistics. */
export function prepareData(matrix: CsrMatrix, options: PrepareOptions, random: Random): PreparedData {
  // Everything from here on works in content order (see contentOrder), so the file's row order changes nothing.
  const order = contentOrder(matrix, options.seed);
  const ordered = pp.selectCells(matrix, order);
  const input = options.extraDropout > 0 ? dropCounts(ordered, options.extraDropout, random) : ordered;
  const filtered = pp.filterCellsGenes(input, {
    minCellCounts: options.minCellCounts,
    minGeneCounts: options.minGeneCounts,
  });
  let counts = filtered.matrix;
  let cells = Int32Array.from(filtered.keptCells, (c) => order[c]);
  let genes = filtered.keptGenes;
  // Library sizes over every gene of the input, taken before any gene selection (scanpy's order: normalize_total,
  // then the highly variable subset), so new cells given to predict() are scaled the same way: a few very highly
  // expressed genes among the selected ones (Baron_mouse1's hormones) would otherwise set each cell's scale.
  // PCA + k-means of Baron_mouse1's 2,000 genes, seed 1: 0.85 this way, 0.63 with the subset's own totals.
  const inputLibrary = pp.librarySizes(input);
  // `library` follows the rows of `counts`; `cells` maps them to rows of the caller's matrix.
  let library = Float64Array.from(filtered.keptCells, (c) => inputLibrary[c]);
  const targetSum = options.targetSum ?? pp.median(library);
  if (options.topGenes > 0 && counts.cols > options.topGenes) {
    const top = pp.highlyVariableGenes(
      pp.log1p(pp.normalizeTotal(counts, { targetSum, librarySizes: library })),
      {
        nTop: options.topGenes,
        flavor: 'dispersion',
      },
    );
    const ordered = Int32Array.from(top).sort();
    // Cells left without counts on the kept genes carry nothing for the encoder: filter again.
    const again = pp.filterCellsGenes(pp.selectGenes(counts, ordered), {
      minCellCounts: Math.max(options.minCellCounts, 1),
      minGeneCounts: 0,
    });
    counts = again.matrix;
    library = Float64Array.from(again.keptCells, (c) => library[c]);
    cells = Int32Array.from(again.keptCells, (c) => cells[c]);
    genes = Int32Array.from(again.keptGenes, (g) => genes[ordered[g]]);
  }
  const logNormalised = pp.log1p(pp.normalizeTotal(counts, { targetSum, librarySizes: library }));
  const { mean, variance } = pp.columnMeanVariance(logNormalised);
  const geneMean = Float32Array.from(mean);
  const geneInverseSd = Float32Array.from(variance, (v) => (v > 0 ? 1 / Math.sqrt(v) : 0));
  const logFactorials = new Float64Array(counts.rows);
  for (let i = 0; i < counts.rows; i++) {
    let s = 0;
    for (let p = counts.indptr[i]; p < counts.indptr[i + 1]; p++)
      s += lgammaPlusOne(Math.round(counts.data[p]));
    logFactorials[i] = s;
  }
  return {
    cells,
    genes,
    counts,
    logNormalised,
    geneMean,
    geneInverseSd,
    sizeFactors: pp.sizeFactors(counts, library),
    targetSum,
    logFactorials,
  };
}

/** Dense standardised rows `rows` of a log-normalised CSR matrix: (x - mean) / sd, zeros included. */
export function standardisedBatch(
  logNormalised: CsrMatrix,
  mean: Float32Array,
  inverseSd: Float32Array,
  rows: ArrayLike<number>,
): Float32Array {
  const g = logNormalised.cols;
  const out = new Float32Array(rows.length * g);
  const base = new Float32Array(g);
  for (let j = 0; j < g; j++) base[j] = -mean[j] * inverseSd[j];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const offset = r * g;
    out.set(base, offset);
    for (let p = logNormalised.indptr[row]; p < logNormalised.indptr[row + 1]; p++) {
      const j = logNormalised.indices[p];
      out[offset + j] = (logNormalised.data[p] - mean[j]) * inverseSd[j];
    }
  }
  return out;
}

/** Dense raw counts of rows `rows`. */
export function countBatch(counts: CsrMatrix, rows: ArrayLike<number>): Float32Array {
  const g = counts.cols;
  const out = new Float32Array(rows.length * g);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let p = counts.indptr[row]; p < counts.indptr[row + 1]; p++)
      out[r * g + counts.indices[p]] = counts.data[p];
  }
  return out;
}

/** Shuffled mini-batches of 0..n-1 for one epoch; a last batch smaller than half a batch joins the previous one. */
export function epochBatches(n: number, batchSize: number, random: Random): Int32Array[] {
  return sequential(random.shuffle(Int32Array.from({ length: n }, (_, i) => i)), batchSize);
}

/** Batches of 0..n-1 in order (inference). Attention mixes cells of a batch, so inference batches are fixed. */
export function orderedBatches(n: number, batchSize: number): Int32Array[] {
  return sequential(
    Int32Array.from({ length: n }, (_, i) => i),
    batchSize,
  );
}

function sequential(order: Int32Array, batchSize: number): Int32Array[] {
  const batches: Int32Array[] = [];
  for (let start = 0; start < order.length; start += batchSize)
    batches.push(order.subarray(start, Math.min(order.length, start + batchSize)));
  if (batches.length > 1 && batches[batches.length - 1].length < batchSize / 2) {
    const last = batches.pop()!;
    const prev = batches.pop()!;
    const merged = new Int32Array(prev.length + last.length);
    merged.set(prev);
    merged.set(last, prev.length);
    batches.push(merged);
  }
  return batches;
}

import { z } from 'zod';
import { MetricsInputError } from '../errors.js';
import { encodeLabels, type Labels } from '../labels.js';
import { parseOptions } from '../options.js';
import { twoSidedNormalPValue } from '../special-functions.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { checkCsrMatrix, type CsrMatrix } from './csr-matrix.js';
import { groupRankSums, MAX_GROUPS } from './group-rank-sums.js';

/** Options of {@link markerGenes}; defaults live here. */
export const markerOptionsSchema = z
  .object({
    /** Genes reported per group, best first (scanpy's `n_genes`, default 100). */
    topN: z.number().int().min(1).default(100),
    /** Correct the rank-sum variance for ties (scanpy's `tie_correct`; scanpy defaults to false). */
    tieCorrect: z.boolean().default(true),
  })
  .strict();

/** Plain-JSON options of {@link markerGenes}. */
export type MarkerOptions = z.input<typeof markerOptionsSchema>;

/** One gene's statistics for one group against the rest. */
export interface MarkerGene {
  /** Column index of the gene in the matrix. */
  gene: number;
  /** Wilcoxon rank-sum z-score; positive when the group ranks higher than the rest. */
  score: number;
  /** Two-sided p-value of the z-score (normal approximation, no continuity correction). */
  pValue: number;
  /** Benjamini-Hochberg adjusted p-value, over all genes of this group. */
  pValueAdjusted: number;
  /** log2((expm1(meanIn) + 1e-9) / (expm1(meanOut) + 1e-9)), as scanpy computes it from log data means. */
  log2FoldChange: number;
  /** Fraction of the group's cells with a nonzero value. */
  pctIn: number;
  /** Fraction of the other cells with a nonzero value. */
  pctOut: number;
  /** Mean (log) expression in the group. */
  meanIn: number;
  /** Mean (log) expression in the other cells. */
  meanOut: number;
}

/** The top genes of one group. */
export interface MarkerGroup {
  /** The group's label, as a string. */
  group: string;
  /** Cells in the group. */
  size: number;
  /** Up to `topN` genes by descending score (ties by gene index). */
  genes: MarkerGene[];
}

/**
 * Marker genes of each group against all other cells, with the semantics of scanpy's
 * `rank_genes_groups(method='wilcoxon', corr_method='benjamini-hochberg', pts=True)` on log-normalised
 * expression (cells x genes): Wilcoxon rank-sum z-scores (tie-corrected unless `tieCorrect: false`), two-sided
 * normal p-values, BH-adjusted p-values per group, scanpy's log2 fold change and the fractions of expressing
 * cells. Groups are in sorted label order. A gene with every value tied gets score 0 and p-value 1 (scanpy).
 * Unlike scanpy, a group of one cell is allowed. Throws {@link MetricsInputError} for a malformed matrix,
 * NaN values, labels that do not match the rows, or fewer than two groups.
 */
export function markerGenes(matrix: CsrMatrix, labels: Labels, options?: MarkerOptions): MarkerGroup[] {
  const { topN, tieCorrect } = parseOptions(markerOptionsSchema, options);
  checkCsrMatrix(matrix);
  if (labels.length !== matrix.rows) {
    throw new MetricsInputError(
      'LENGTH_MISMATCH',
      `the matrix has ${matrix.rows} cells but there are ${labels.length} labels`,
    );
  }
  const { codes, values, sizes } = encodeLabels(labels);
  const names = values.map(String);
  if (names.length < 2) {
    throw new MetricsInputError('LABEL_COUNT', `marker genes need at least two groups, got ${names.length}`);
  }
  if (names.length > MAX_GROUPS) {
    throw new MetricsInputError(
      'LABEL_COUNT',
      `marker genes support at most ${MAX_GROUPS} groups, got ${names.length}`,
    );
  }
  const n = matrix.rows;
  const genes = matrix.cols;
  const { rankSums, tieTerms, valueSums, nonzeroCounts } = groupRankSums(matrix, codes, sizes);

  const totalNonzero = new Float64Array(genes);
  for (let g = 0; g < names.length; g++) {
    for (let j = 0; j < genes; j++) totalNonzero[j] += nonzeroCounts[g * genes + j];
  }
  // The rest's sums are added from the other groups rather than subtracted from a total, so that a gene no other
  // cell expresses has a rest mean of exactly 0 (a rounding residue would shift the fold change).
  const restSumsOf = (g: number): Float64Array => {
    const rest = new Float64Array(genes);
    for (let h = 0; h < names.length; h++) {
      if (h === g) continue;
      for (let j = 0; j < genes; j++) rest[j] += valueSums[h * genes + j];
    }
    return rest;
  };
  const tieCorrection = Float64Array.from(tieTerms, (term) => (tieCorrect ? 1 - term / (n * n * n - n) : 1));

  return names.map((group, g) => {
    const nIn = sizes[g];
    const nOut = n - nIn;
    const scores = new Float64Array(genes);
    const pValues = new Float64Array(genes);
    for (let j = 0; j < genes; j++) {
      const standardDeviation = Math.sqrt((tieCorrection[j] * nIn * nOut * (n + 1)) / 12);
      const score = (rankSums[g * genes + j] - nIn * ((n + 1) / 2)) / standardDeviation;
      // scanpy sets NaN scores (every value tied) to 0, which gives p = 1.
      scores[j] = Number.isFinite(score) ? score : 0;
      pValues[j] = twoSidedNormalPValue(scores[j]);
    }
    const adjusted = benjaminiHochberg(pValues);
    const restSums = restSumsOf(g);
    const order = Int32Array.from({ length: genes }, (_, j) => j).sort(
      (a, b) => scores[b] - scores[a] || a - b,
    );
    const top: MarkerGene[] = [];
    for (let rank = 0; rank < Math.min(topN, genes); rank++) {
      const j = order[rank];
      const meanIn = valueSums[g * genes + j] / nIn;
      const meanOut = restSums[j] / nOut;
      top.push({
        gene: j,
        score: scores[j],
        pValue: pValues[j],
        pValueAdjusted: adjusted[j],
        log2FoldChange: Math.log2((Math.expm1(meanIn) + 1e-9) / (Math.expm1(meanOut) + 1e-9)),
        pctIn: nonzeroCounts[g * genes + j] / nIn,
        pctOut: (totalNonzero[j] - nonzeroCounts[g * genes + j]) / nOut,
        meanIn,
        meanOut,
      });
    }
    return { group, size: nIn, genes: top };
  });
}

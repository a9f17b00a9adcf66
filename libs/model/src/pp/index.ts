/**
 * Preprocessing (`pp`): filtering, library sizes and size factors, total-count normalisation, log1p, gene
 * selection and scaling. Every function takes a matrix and an options object and returns new arrays.
 */
export { filterCellsGenes, selectCells, type FilterOptions, type FilterResult } from './filter.js';
export {
  columnMeanVariance,
  highlyVariableGenes,
  selectGenes,
  type HighlyVariableGenesOptions,
} from './genes.js';
export {
  librarySizes,
  log1p,
  median,
  normalizeTotal,
  sizeFactors,
  type NormalizeTotalOptions,
} from './normalize.js';
export { toCsr, toDense } from './dense.js';
export { scale, type ScaleOptions } from './scale.js';

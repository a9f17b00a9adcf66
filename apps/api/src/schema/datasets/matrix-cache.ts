import { LocalFileStorage, type FileStorage } from '@scsamac/db';
import { MATRIX_FORMATS, readMatrix, type CountMatrix, type MatrixFormat } from '@scsamac/io';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DatasetRow } from '../../loaders.js';

/** A dataset's matrix as the per-cell views need it: counts, each cell's total and the gene index. */
export interface LoadedMatrix {
  matrix: CountMatrix;
  totals: Float64Array;
  geneIndex: Map<string, number>;
}

/** Most matrices kept in memory: the views of one run page ask for a few genes of one dataset in a row. */
const capacity = 4;
/** Least recently used first (Map keeps insertion order; a hit is moved to the end). */
const cache = new Map<string, Promise<LoadedMatrix>>();

async function load(storage: FileStorage, dataset: DatasetRow): Promise<LoadedMatrix> {
  const format = (MATRIX_FORMATS as readonly string[]).includes(dataset.format)
    ? (dataset.format as MatrixFormat)
    : undefined;
  let dir: string | null = null;
  try {
    let file: string;
    if (storage instanceof LocalFileStorage) {
      file = path.join(storage.root, ...dataset.storageKey.split('/'));
    } else {
      dir = await mkdtemp(path.join(tmpdir(), 'scsamac-dataset-'));
      file = path.join(dir, path.basename(dataset.fileName));
      await pipeline(await storage.get(dataset.storageKey), createWriteStream(file));
    }
    const matrix = await readMatrix(file, format ? { format } : {});
    const totals = new Float64Array(matrix.rows);
    for (let row = 0; row < matrix.rows; row++) {
      let total = 0;
      for (let index = matrix.indptr[row]!; index < matrix.indptr[row + 1]!; index++)
        total += matrix.data[index]!;
      totals[row] = total;
    }
    const geneIndex = new Map<string, number>();
    matrix.geneNames.forEach((name, column) => {
      if (!geneIndex.has(name)) geneIndex.set(name, column);
    });
    return { matrix, totals, geneIndex };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The stored matrix of a dataset, read with `@scsamac/io` once and kept in a small LRU (keyed by id and content
 * hash), so repeated per-cell queries on one dataset do not re-read the file. A failed read is not cached.
 */
export function loadDatasetMatrix(storage: FileStorage, dataset: DatasetRow): Promise<LoadedMatrix> {
  const key = `${dataset.id}:${dataset.sha256}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const loading = load(storage, dataset).catch((error: unknown) => {
    cache.delete(key);
    throw error;
  });
  cache.set(key, loading);
  while (cache.size > capacity) cache.delete(cache.keys().next().value!);
  return loading;
}

/** How many matrices the cache holds (for tests). */
export function cachedMatrixCount(): number {
  return cache.size;
}

/**
 * Log-normalised expression of one gene in every cell, as scanpy's `normalize_total(target_sum=1e4)` then `log1p`:
 * `ln(1 + 1e4 * count / cell total)` (0 for cells without counts). Null when the dataset has no such gene.
 */
export function geneExpression(loaded: LoadedMatrix, gene: string): number[] | null {
  const column = loaded.geneIndex.get(gene);
  if (column === undefined) return null;
  const { matrix, totals } = loaded;
  const values = new Array<number>(matrix.rows).fill(0);
  for (let row = 0; row < matrix.rows; row++) {
    const total = totals[row]!;
    if (total <= 0) continue;
    for (let index = matrix.indptr[row]!; index < matrix.indptr[row + 1]!; index++) {
      if (matrix.indices[index] === column) {
        values[row] = Math.log1p((1e4 * matrix.data[index]!) / total);
        break;
      }
    }
  }
  return values;
}

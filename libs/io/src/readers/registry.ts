import type { MatrixFormat } from '../count-matrix.js';
import { CsvReader } from './csv.js';
import { H5DenseReader } from './h5.js';
import { H5adReader } from './h5ad.js';
import type { FileProbe, MatrixReader } from './reader.js';
import { TenxH5Reader } from './tenx-h5.js';
import { TenxMtxReader } from './tenx-mtx.js';

/**
 * Every reader, in detection order: the first whose `detect` accepts a file reads it. More specific layouts come
 * first (an h5ad also has an `X`). To add a format, write a class implementing `MatrixReader` in `readers/` and add it
 * here; the contract test in `readers/contract.test.ts` then covers it.
 */
export const READERS: readonly MatrixReader[] = [
  new H5adReader(),
  new TenxH5Reader(),
  new H5DenseReader(),
  new TenxMtxReader(),
  new CsvReader(),
];

/** The reader for a format name. */
export function readerFor(format: MatrixFormat): MatrixReader {
  const reader = READERS.find((candidate) => candidate.format === format);
  if (!reader) throw new Error(`no reader for format ${format}`);
  return reader;
}

/** The first reader that recognises the probed content, or undefined. */
export function detectReader(probe: FileProbe): MatrixReader | undefined {
  return READERS.find((reader) => reader.detect(probe));
}

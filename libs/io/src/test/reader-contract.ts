/**
 * The contract test every reader runs through: on its own inputs `detect` accepts, `summary` agrees with `load`, and
 * `load` returns a valid cells x genes count matrix with the expected counts; on other readers' inputs `detect`
 * declines, so detection is unambiguous.
 */
import { describe, expect, it } from 'vitest';
import { totalCount, type CountMatrix } from '../count-matrix.js';
import { probeFile } from '../probe-file.js';
import { readMatrixOptionsSchema } from '../read-options.js';
import type { FileProbe, MatrixReader } from '../readers/reader.js';
import { expectValidCountMatrix } from './matrix-assertions.js';

/** One input a reader must read, with what it holds. */
export interface ContractCase {
  name: string;
  path: string;
  cells: number;
  genes: number;
  nnz: number;
  total: number;
  labelColumns: string[];
}

async function withProbe<T>(path: string, use: (probe: FileProbe) => Promise<T>): Promise<T> {
  const probe = await probeFile(path);
  try {
    return await use(probe);
  } finally {
    probe.hdf5?.close();
  }
}

/** Registers the contract tests of `reader` over `cases()` (its inputs) and `foreign()` (other readers' inputs). */
export function describeReaderContract(
  reader: MatrixReader,
  cases: () => ContractCase[],
  foreign: () => string[],
): void {
  describe(`reader contract: ${reader.format}`, () => {
    it('has a format and a description', () => {
      expect(reader.format).toMatch(/^[a-z0-9-]+$/);
      expect(reader.description.length).toBeGreaterThan(10);
    });

    it('detects, summarises and loads each of its inputs', async () => {
      const options = readMatrixOptionsSchema.parse({});
      expect(cases().length).toBeGreaterThan(0);
      for (const input of cases()) {
        await withProbe(input.path, async (probe) => {
          expect(reader.detect(probe), `${input.name} detected`).toBe(true);
          const summary = await reader.summary(probe, options);
          expect([summary.format, summary.cells, summary.genes], input.name).toEqual([
            reader.format,
            input.cells,
            input.genes,
          ]);
          expect(summary.labelColumns, input.name).toEqual(expect.arrayContaining(input.labelColumns));
          const loaded = await reader.load(probe, options);
          const matrix: CountMatrix = {
            ...loaded,
            provenance: {
              ...loaded.provenance,
              format: reader.format,
              source: input.path,
              sha256: '0'.repeat(64),
              bytes: 0,
            },
          };
          expectValidCountMatrix(matrix);
          expect([matrix.rows, matrix.cols, matrix.data.length, totalCount(matrix)], input.name).toEqual([
            input.cells,
            input.genes,
            input.nnz,
            input.total,
          ]);
          expect(
            matrix.labels.map((column) => column.name),
            input.name,
          ).toEqual(expect.arrayContaining(input.labelColumns));
        });
      }
    });

    it('declines inputs of other formats', async () => {
      for (const path of foreign()) {
        await withProbe(path, async (probe) => expect(reader.detect(probe), path).toBe(false));
      }
    });
  });
}

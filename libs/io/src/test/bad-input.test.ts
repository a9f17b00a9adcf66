/**
 * Every kind of bad input named in the issue yields an InputError whose message starts with the file and says what is
 * wrong (and nothing crashes the process). Broken files are made in a temp folder from the small matrix or by
 * cutting and damaging copies of the shared files.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, type InputErrorCode } from '../input-error.js';
import { readMatrix } from '../read-matrix.js';
import type { ReadMatrixOptions } from '../read-options.js';
import { writeH5ad } from '../write-h5ad.js';
import { smallTable } from './fixtures.js';
import {
  dataframeSpec,
  h5adSpec,
  SMALL,
  smallCsr,
  smallDense,
  sparseSpec,
  writeHdf5,
} from './hdf5-fixtures.js';
import { shared } from './paths.js';

let dir = '';
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scsamac-io-bad-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Reads `path` and expects an InputError with `code`, naming the file, whose message matches `pattern`. */
async function expectInputError(
  path: string,
  code: InputErrorCode,
  pattern: RegExp,
  options: ReadMatrixOptions = {},
) {
  let caught: unknown;
  try {
    await readMatrix(path, options);
  } catch (error) {
    caught = error;
  }
  expect(caught, `${path} should fail`).toBeInstanceOf(InputError);
  const error = caught as InputError;
  expect({ code: error.code, file: error.file }).toEqual({ code, file: path });
  expect(error.message.startsWith(`${path}: `)).toBe(true);
  expect(error.message).toMatch(pattern);
}

async function cut(source: string, name: string, fraction: number): Promise<string> {
  const bytes = await readFile(source);
  await writeFile(at(name), bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return at(name);
}

const ints = (rows: number[][]) => Int32Array.from(rows.flat());

describe('truncated or corrupted bytes', () => {
  it('rejects a truncated h5ad', async () => {
    await expectInputError(
      await cut(shared('formats/Baron_mouse1.csr.h5ad'), 'cut.h5ad', 0.5),
      'corrupt',
      /truncated/,
    );
  });

  it('rejects a truncated gzip CSV', async () => {
    await expectInputError(
      await cut(shared('formats/Baron_mouse1.genes_x_cells.csv.gz'), 'cut.csv.gz', 0.5),
      'corrupt',
      /gzip|truncated/,
    );
  });

  it('rejects a truncated zip', async () => {
    const path = await cut(
      shared('datasets/Baron_mouse1/Baron_mouse1_GSM2230761_umifm_counts.csv.zip'),
      'cut.zip',
      0.6,
    );
    await expectInputError(path, 'corrupt', /zip/);
  });

  it('rejects a plain CSV cut in the middle of a line', async () => {
    const text = smallTable('cells-x-genes');
    await writeFile(at('cut.csv'), text.slice(0, text.length - 4));
    await expectInputError(at('cut.csv'), 'corrupt', /line 5 has \d+ fields, expected 7/);
  });

  it('rejects a truncated MatrixMarket folder', async () => {
    await copyFile(shared('formats/Baron_mouse1_10x_mtx/barcodes.tsv.gz'), at('barcodes.tsv.gz'));
    const mtx = await readFile(shared('formats/Baron_mouse1_10x_mtx/matrix.mtx.gz'));
    const { gunzipSync } = await import('node:zlib');
    const text = gunzipSync(mtx).toString('utf8');
    await writeFile(at('matrix.mtx'), text.slice(0, Math.floor(text.length / 2)).replace(/\n[^\n]*$/, '\n'));
    await copyFile(shared('formats/Baron_mouse1_10x_mtx/features.tsv.gz'), at('features.tsv.gz'));
    await expectInputError(at('matrix.mtx'), 'corrupt', /declares 1164056 entries but holds \d+/);
  });

  it('rejects an HDF5 file with damaged compressed data', async () => {
    const bytes = Buffer.from(
      await readFile(shared('datasets/mouse_bladder_cell/mouse_bladder_cell_top2000.h5')),
    );
    // Overwrite a run of bytes well inside the gzip chunks of X (the metadata sits at the start).
    for (let i = 300_000; i < 300_400; i++) bytes[i] = (bytes[i]! * 31 + 7) & 0xff;
    await writeFile(at('damaged.h5'), bytes);
    await expectInputError(at('damaged.h5'), 'corrupt', /could not be read/);
  });

  it('rejects bytes that are no known format', async () => {
    await writeFile(at('noise.bin'), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)));
    await expectInputError(at('noise.bin'), 'unknown-format', /not a recognised format/);
  });

  it('rejects a path that does not exist', async () => {
    await expectInputError(at('missing.h5ad'), 'not-found', /does not exist/);
  });
});

describe('layouts and compression the readers cannot use', () => {
  it('names the root keys of an HDF5 file of another layout', async () => {
    await writeHdf5(at('other.h5'), {
      children: {
        images: {
          children: { frame0: { data: Float32Array.from([1, 2, 3, 4]), shape: [2, 2], dtype: '<f' } },
        },
      },
    });
    await expectInputError(
      at('other.h5'),
      'unsupported-layout',
      /is HDF5 but not a layout this reader knows \(root holds: images\)/,
    );
  });

  it('refuses an LZF-compressed dataset and says gzip works', async () => {
    const path = new URL('./fixtures/lzf.h5', import.meta.url).pathname;
    await expectInputError(path, 'unsupported-compression', /LZF .*gzip-compressed datasets read/);
  });

  it('refuses a forced format that does not fit', async () => {
    await writeFile(at('small.csv'), smallTable('cells-x-genes'));
    await expectInputError(at('small.csv'), 'unsupported-layout', /not an AnnData file/, { format: 'h5ad' });
  });

  it('refuses unknown options', async () => {
    await writeFile(at('small.csv'), smallTable('cells-x-genes'));
    await expectInputError(at('small.csv'), 'bad-option', /bad read options/, {
      colour: 'red',
    } as ReadMatrixOptions);
  });
});

describe('values that are not counts', () => {
  it('rejects negative values in a CSV', async () => {
    await writeFile(at('negative.csv'), smallTable('cells-x-genes').replace('c2,B,2', 'c2,B,-2'));
    await expectInputError(
      at('negative.csv'),
      'negative-values',
      /1 negative value\(s\) \(first: -2 at row 2, column 1\)/,
    );
  });

  it('rejects negative values in a dense h5', async () => {
    const x = ints(SMALL.dense);
    x[3] = -3;
    await writeHdf5(at('negative.h5'), {
      children: { X: { data: x, shape: [SMALL.rows, SMALL.cols], dtype: '<i' } },
    });
    await expectInputError(at('negative.h5'), 'negative-values', /X holds 1 negative value/);
  });

  it('rejects NaN in a CSV and in an h5', async () => {
    await writeFile(at('nan.csv'), smallTable('cells-x-genes').replace('c4,NK,0', 'c4,NK,NaN'));
    await expectInputError(at('nan.csv'), 'nan-values', /NaN/);
    const x = smallDense();
    x[7] = Number.NaN;
    await writeHdf5(at('nan.h5'), {
      children: { X: { data: x, shape: [SMALL.rows, SMALL.cols], dtype: '<f' } },
    });
    await expectInputError(at('nan.h5'), 'nan-values', /X holds 1 NaN/);
  });

  it('rejects non-integer counts when the file has no raw layer', async () => {
    const csr = smallCsr();
    const normalised = { ...csr, data: csr.data.map((value) => Math.log1p(value)) };
    await writeHdf5(at('normalised.h5ad'), h5adSpec(sparseSpec('csr', normalised, [SMALL.rows, SMALL.cols])));
    await expectInputError(
      at('normalised.h5ad'),
      'not-counts',
      /X holds 6 non-integer value\(s\).*no raw counts layer/,
    );
  });

  it('names every layer it tried when none holds counts', async () => {
    const csr = smallCsr();
    const scaled = sparseSpec('csr', { ...csr, data: csr.data.map((value) => value - 2.5) }, [
      SMALL.rows,
      SMALL.cols,
    ]);
    const halves = sparseSpec('csr', { ...csr, data: csr.data.map((value) => value / 2) }, [
      SMALL.rows,
      SMALL.cols,
    ]);
    await writeHdf5(at('no-counts.h5ad'), h5adSpec(scaled, { layers: { children: { counts: halves } } }));
    await expectInputError(
      at('no-counts.h5ad'),
      'negative-values',
      /X holds \d+ negative value.*; layers\/counts holds \d+ non-integer/,
    );
  });

  it('uses layers/counts or raw/X when X is normalised', async () => {
    const csr = smallCsr();
    const normalised = sparseSpec('csr', { ...csr, data: csr.data.map((value) => value / 3) }, [
      SMALL.rows,
      SMALL.cols,
    ]);
    await writeHdf5(
      at('layers.h5ad'),
      h5adSpec(normalised, {
        layers: {
          attrs: { 'encoding-type': 'dict', 'encoding-version': '0.1.0' },
          children: { counts: sparseSpec('csr', csr, [SMALL.rows, SMALL.cols]) },
        },
      }),
    );
    const fromLayer = await readMatrix(at('layers.h5ad'));
    expect(fromLayer.provenance.matrixPath).toBe('layers/counts');
    expect(Array.from(fromLayer.data)).toEqual(Array.from(csr.data));
    expect(fromLayer.provenance.notes.join(' ')).toMatch(/X does not hold counts/);

    // raw/X keeps more genes than X: its own var names must come along.
    const rawGenes = [...SMALL.geneNames, 'Extra'];
    const rawDense = SMALL.dense.map((row, i) => [...row, i + 1]);
    await writeHdf5(
      at('raw.h5ad'),
      h5adSpec(normalised, {
        raw: {
          children: {
            X: { data: Float32Array.from(rawDense.flat()), shape: [SMALL.rows, SMALL.cols + 1], dtype: '<f' },
            var: dataframeSpec(rawGenes),
          },
        },
      }),
    );
    const fromRaw = await readMatrix(at('raw.h5ad'));
    expect(fromRaw.provenance.matrixPath).toBe('raw/X');
    expect([fromRaw.cols, fromRaw.geneNames]).toEqual([6, rawGenes]);
    expect(fromRaw.data.length).toBe(SMALL.nnz + 4);
  });
});

describe('labels and ids', () => {
  it('rejects labels Y of the wrong length', async () => {
    await writeHdf5(at('short-y.h5'), {
      children: {
        X: { data: ints(SMALL.dense), shape: [SMALL.rows, SMALL.cols], dtype: '<i' },
        Y: { data: Int32Array.from([1, 2, 3]), dtype: '<i' },
      },
    });
    await expectInputError(at('short-y.h5'), 'labels-length', /labels Y have 3 entries but X has 4 cells/);
  });

  it('rejects a label file of the wrong length', async () => {
    await writeFile(at('small.csv'), smallTable('cells-x-genes'));
    await writeFile(at('five-labels.txt'), 'a\nb\nc\nd\ne\nf\n');
    let caught: unknown;
    await readMatrix(at('small.csv'), { labels: at('five-labels.txt') }).catch(
      (error: unknown) => (caught = error),
    );
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).code).toBe('labels-length');
    expect((caught as InputError).message).toMatch(
      /five-labels.txt: label file has 6 labels but the matrix has 4 cells/,
    );
  });

  it('rejects a label column that does not exist', async () => {
    await writeFile(at('small.csv'), smallTable('cells-x-genes'));
    await expectInputError(
      at('small.csv'),
      'labels-missing',
      /no label column "cluster".*\(label columns: cell_type\)/,
      { labels: 'cluster' },
    );
  });

  it('rejects duplicate cell ids', async () => {
    await writeFile(at('duplicates.csv'), smallTable('cells-x-genes').replace('c3,T', 'c1,T'));
    await expectInputError(
      at('duplicates.csv'),
      'duplicate-cell-ids',
      /1 duplicate cell id\(s\) \(first: "c1"\)/,
    );
  });
});

describe('empty, oversized and ambiguous inputs', () => {
  it('rejects an empty matrix', async () => {
    await writeFile(at('header-only.csv'), ',cell_type,Actb,Gapdh\n');
    await expectInputError(at('header-only.csv'), 'empty', /empty matrix \(0 cells/);
    await writeFile(at('zeros.csv'), ',Actb,Gapdh\nc1,0,0\nc2,0,0\n');
    await expectInputError(at('zeros.csv'), 'empty', /2 cells x 2 genes, 0 non-zero counts/);
    await writeFile(at('nothing.csv'), '');
    await expectInputError(at('nothing.csv'), 'unknown-format', /is empty/);
  });

  it('rejects a zip holding several tables', async () => {
    const table = new TextEncoder().encode(smallTable('cells-x-genes'));
    await writeFile(at('two.zip'), zipSync({ 'a.csv': table, 'b.csv': table }));
    await expectInputError(at('two.zip'), 'several-tables', /holding 2 tables \(a.csv, b.csv\)/);
  });

  it('rejects a file over the size limit', async () => {
    await writeFile(at('big.csv.gz'), gzipSync(smallTable('cells-x-genes')));
    await expectInputError(at('big.csv.gz'), 'too-large', /over the limit of 50 bytes/, { maxBytes: 50 });
    await writeH5ad(at('big.h5ad'), {
      matrix: {
        rows: SMALL.rows,
        cols: SMALL.cols,
        ...smallCsr(),
        cellIds: SMALL.cellIds,
        geneNames: SMALL.geneNames,
      },
    });
    await expectInputError(at('big.h5ad'), 'too-large', /bytes, over the limit/, { maxBytes: 1000 });
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabelFile } from './label-file.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scsamac-io-labels-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('readLabelFile', () => {
  it('matches rows to cells by id, in the matrix order, with the header naming columns', async () => {
    const path = join(dir, 'labels.tsv.gz');
    await writeFile(path, gzipSync('barcode\tcell_type\tbatch\nb\tT\t1\na\tB\t2\nc\tT\t1\n'));
    expect(await readLabelFile(path, ['a', 'b', 'c'])).toEqual([
      { name: 'cell_type', values: ['B', 'T', 'T'] },
      { name: 'batch', values: ['2', '1', '1'] },
    ]);
  });

  it('takes a one-column file in cell order, with or without a header', async () => {
    const path = join(dir, 'one.txt');
    await writeFile(path, 'x\ny\n');
    expect(await readLabelFile(path, ['a', 'b'])).toEqual([{ name: 'label', values: ['x', 'y'] }]);
    await writeFile(path, 'cluster\nx\ny\n');
    expect(await readLabelFile(path, ['a', 'b'])).toEqual([{ name: 'cluster', values: ['x', 'y'] }]);
  });

  it('names cells that have no label', async () => {
    const path = join(dir, 'missing.csv');
    await writeFile(path, 'cell,label\na,1\nz,2\n');
    await expect(readLabelFile(path, ['a', 'b'])).rejects.toThrow(
      /missing.csv: label file has no row for 1 cell\(s\) of the matrix \(first: b\)/,
    );
  });

  it('reads a file on its own in file order', async () => {
    const path = join(dir, 'plain.csv');
    await writeFile(path, 'cell,label\na,1\nb,2\n');
    expect(await readLabelFile(path)).toEqual([{ name: 'label', values: ['1', '2'] }]);
  });
});

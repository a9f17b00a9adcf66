import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastJsonLine, repositoryRoot, scsamac } from '../test/cli.js';

const shared = join(repositoryRoot, '../shared');
const scratch = mkdtempSync(join(tmpdir(), 'scsamac-inspect-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Each run starts the whole CLI (every command's imports), so the cases are few and each checks a lot.
describe('scsamac inspect', { timeout: 120_000 }, () => {
  it('prints the facts of an h5ad and one JSON object on the last line', () => {
    const { code, stdout } = scsamac('inspect', join(shared, 'formats/Baron_mouse1.csr.h5ad'), '--json');
    expect(code).toBe(0);
    expect(stdout).toMatch(/cells: +822/);
    expect(stdout).toMatch(/labels: +cell_type \(13 classes\), barcode \(818 classes\)/);
    // Counts as computed by libs/io/scripts/shared_facts.py with h5py.
    expect(lastJsonLine(stdout)).toEqual({
      cells: 822,
      genes: 14878,
      nnz: 1164056,
      total: 3075159,
      format: 'h5ad',
      orientation: 'cells-x-genes',
      labels: { cell_type: 13, barcode: 818 },
    });
  });

  it('honours --format and --labels COLUMN', () => {
    const path = join(scratch, 'small.csv');
    writeFileSync(path, ',barcode,cluster,Actb,Gapdh\nc1,AAAC,1,0,2\nc2,AAAG,2,3,0\nc3,AAAT,1,1,1\n');
    const { code, stdout } = scsamac('inspect', path, '--format', 'csv', '--labels', 'cluster', '--json');
    expect(code).toBe(0);
    expect(stdout).toMatch(/orientation: cells x genes \(detected\)/);
    expect(lastJsonLine(stdout)).toEqual({
      cells: 3,
      genes: 2,
      nnz: 4,
      total: 7,
      format: 'csv',
      orientation: 'cells-x-genes',
      labels: { cluster: 2, barcode: 3 },
    });
  });

  it('fails with the file and the problem, not a stack trace', () => {
    const path = join(scratch, 'broken.h5ad');
    writeFileSync(
      path,
      Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]),
    );
    const { code, stderr } = scsamac('inspect', path);
    expect(code).toBe(1);
    expect(stderr).toContain(`scsamac: ${path}: is not a readable HDF5 file`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

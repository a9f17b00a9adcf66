import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastJsonLine, repositoryRoot, scsamac } from '../test/cli.js';
import { lastColumn, scoreFiles } from './score.js';

const truthFile = join(repositoryRoot, '../shared/formats/Baron_mouse1_10x_mtx/cell_types.csv');
const scratch = mkdtempSync(join(tmpdir(), 'scsamac-score-'));

interface CliFixture {
  cli: { expected: { ARI: number; NMI: number; AMI: number; CA: number; n: number } };
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('lastColumn', () => {
  it('takes the last field of each record after the header, honouring RFC 4180 quotes', () => {
    const text = 'cell,"label, quoted"\r\nc1,"a, b"\r\n"c,2",plain\n\nc3,"say ""hi"""\nc4,"two\nlines"\n';
    expect(lastColumn(text)).toEqual(['a, b', 'plain', 'say "hi"', 'two\nlines']);
  });

  it('reads tab-separated text and a last line without a newline', () => {
    expect(lastColumn('cell\tcluster\nc1\t3\nc2\t1', '\t')).toEqual(['3', '1']);
  });

  it('keeps empty labels as empty strings', () => {
    expect(lastColumn('cell,label\nc1,\nc2,x\n')).toEqual(['', 'x']);
  });
});

// Each run starts the whole CLI, so the cases are few and each checks a lot.
describe('scsamac score', { timeout: 120_000 }, () => {
  it('scores a prediction against the Baron cell types like scikit-learn, JSON on the last line', () => {
    const fixture = JSON.parse(
      readFileSync(join(repositoryRoot, 'libs/metrics/fixtures/baron.json'), 'utf8'),
    ) as CliFixture;
    // The prediction make_fixtures.py scored: every 7th cell relabelled "noise, <i mod 3>" (quoted: it has a comma).
    const cellTypes = lastColumn(readFileSync(truthFile, 'utf8'));
    const predFile = join(scratch, 'pred.csv');
    const rows = cellTypes.map((type, i) => `cell${i},"${i % 7 === 0 ? `noise, ${i % 3}` : type}"`);
    writeFileSync(predFile, `cell,cluster\r\n${rows.join('\r\n')}\r\n`);

    const { code, stdout, stderr } = scsamac('score', '--truth', truthFile, '--pred', predFile, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/cells: 822/);
    expect(stdout).toMatch(/CA +0\.8564/);
    const report = lastJsonLine<Record<string, number>>(stdout);
    expect(Object.keys(report).sort()).toEqual(['AMI', 'ARI', 'CA', 'NMI', 'n']);
    const { expected } = fixture.cli;
    expect(report.n).toBe(expected.n);
    for (const key of ['ARI', 'NMI', 'AMI', 'CA'] as const) {
      expect(Math.abs(report[key] - expected[key]), key).toBeLessThan(1e-9);
    }
  });

  it('uses the chosen NMI average and fails clearly on mismatched files', () => {
    const shortFile = join(scratch, 'short.csv');
    writeFileSync(shortFile, 'cell,cluster\nc1,1\nc2,2\n');
    const mismatch = scsamac('score', '--truth', truthFile, '--pred', shortFile);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain(`scsamac: ${truthFile} has 822 labels but ${shortFile} has 2`);
    expect(mismatch.stderr).not.toMatch(/\n\s+at /);

    const same = scsamac('score', '--truth', truthFile, '--pred', truthFile, '--average', 'max', '--json');
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/NMI \(max\) +1\.0000/);
    expect(lastJsonLine(same.stdout)).toEqual({
      ARI: 1,
      NMI: 1,
      AMI: 1,
      CA: 1,
      n: 822,
    });
  });

  it('reports a missing file and a header-only file (in process: same code path as the command)', () => {
    const headerOnly = join(scratch, 'empty.csv');
    writeFileSync(headerOnly, 'cell,cluster\n');
    expect(() => scoreFiles(join(scratch, 'nope.csv'), headerOnly)).toThrow(
      /cannot read the --truth file .*nope\.csv: ENOENT/,
    );
    expect(() => scoreFiles(truthFile, headerOnly)).toThrow(`${headerOnly}: no labels after the header row`);
  });
});

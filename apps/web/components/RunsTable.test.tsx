import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RunsTable, type RunsTableRow } from './RunsTable';

const runs: RunsTableRow[] = [
  {
    id: 'aaaaaaaa-1111',
    status: 'RUNNING',
    progress: 0.426,
    seed: 1,
    ari: null,
    method: { displayName: 'PCA + k-means' },
    dataset: { name: 'baron' },
    createdAt: '2026-01-02T03:04:05Z',
    failureReason: null,
  },
  {
    id: 'bbbbbbbb-2222',
    status: 'FAILED',
    progress: 0.1,
    seed: 2,
    ari: 0.8123,
    method: { displayName: 'scSAMAC' },
    dataset: { name: 'muraro' },
    createdAt: '2026-01-02T03:04:05Z',
    failureReason: `out of memory ${'x'.repeat(200)}`,
  },
];

/** The text of each header cell, in order. */
const headers = (markup: string) =>
  [...markup.matchAll(/<th(?: [^>]*)?>(.*?)<\/th>/g)].map((match) => match[1]);

describe('RunsTable', () => {
  it('shows run, method, seed, status with progress or failure, ARI; more columns only when asked', () => {
    const plain = renderToStaticMarkup(<RunsTable runs={runs} />);
    expect(headers(plain)).toEqual(['Run', 'Method', 'Seed', 'Status', 'ARI']);
    expect(plain).toContain('href="/runs/aaaaaaaa-1111">aaaaaaaa</a>');
    expect(plain).toMatch(/> (<!-- -->)?43(<!-- -->)?%</);
    expect(plain).toContain('0.812');
    expect(plain).not.toContain('type="checkbox"');
    expect(plain).not.toContain('baron');
    // The failure reason is cut to 120 characters.
    const reason = /<div class="muted"[^>]*>(out of memory x*)<\/div>/.exec(plain);
    expect(reason?.[1]).toHaveLength(120);

    const full = renderToStaticMarkup(
      <RunsTable runs={runs} selectable showDataset showStarted testId="runs-table" />,
    );
    expect(headers(full)).toEqual([
      '<span class="visually-hidden">Compare</span>',
      'Run',
      'Method',
      'Dataset',
      'Seed',
      'Status',
      'ARI',
      'Started',
    ]);
    expect(full).toContain('data-testid="runs-table"');
    expect(full).toContain('aria-label="Compare run scSAMAC seed 2"');
    expect(full).toContain('<td>muraro</td>');
    expect(full).toContain(new Date(runs[0]!.createdAt!).toLocaleString('en-GB'));
  });
});

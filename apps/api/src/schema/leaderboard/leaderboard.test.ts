import { beforeAll, describe, expect, it } from 'vitest';
import { insertDataset, insertRuns } from '../../test/fixtures.js';
import { codeOf, engines, gql, gqlData, ownedProject, signUp, type TestUser } from '../../test/harness.js';
import { meanAndSd, rankByMean } from './rank.js';

describe('rank helpers', () => {
  it('computes the sample standard deviation and shares ranks on ties', () => {
    const { mean, sd } = meanAndSd([0.5, 0.6, 0.7]);
    expect(mean).toBeCloseTo(0.6, 12);
    expect(sd).toBeCloseTo(0.1, 12);
    expect(meanAndSd([0.4]).sd).toBeNull();
    const ranked = rankByMean([{ mean: 0.2 }, { mean: 0.9 }, { mean: 0.5 }, { mean: 0.5 }], false);
    expect(ranked.map((row) => [row.mean, row.rank])).toEqual([
      [0.9, 1],
      [0.5, 2],
      [0.5, 2],
      [0.2, 4],
    ]);
  });
});

const query = `query($d: String!, $m: String, $r: Boolean, $b: Boolean) {
  leaderboard(dataset: $d, metric: $m, includeReported: $r, includeBaselines: $b) {
    dataset benchmark metric
    entries { rank method { id kind } reported source mean sd n values metrics { metric mean sd n } runs { seed } }
    failedRuns { reason method { id } run { id status } } } }`;

type Entry = {
  rank: number;
  method: { id: string; kind: string };
  reported: boolean;
  mean: number;
  sd: number | null;
  n: number;
  values: number[];
  metrics: { metric: string; mean: number; n: number }[];
  runs: { seed: number }[];
};

describe.each(engines)('leaderboard on %s', (engine) => {
  const t = ownedProject(engine, {}, 'ranker');
  let user: TestUser;
  let datasetId: string;

  beforeAll(async () => {
    user = t.owner;
    const projectId = t.projectId;
    datasetId = await insertDataset(t.connection.db, projectId, {
      reportedAs: 'CITE_CBMC',
      labelColumn: 'cell_type',
    });
    await insertRuns(t.connection.db, projectId, datasetId, [
      {
        methodId: 'scsamac',
        seed: 1,
        status: 'SUCCEEDED',
        labelColumn: 'cell_type',
        scores: { ARI: 0.7, NMI: 0.72 },
      },
      {
        methodId: 'scsamac',
        seed: 2,
        status: 'SUCCEEDED',
        labelColumn: 'cell_type',
        scores: { ARI: 0.8, NMI: 0.74 },
      },
      {
        methodId: 'scsamac',
        seed: 3,
        status: 'SUCCEEDED',
        labelColumn: 'cell_type',
        scores: { ARI: 0.75, NMI: 0.73 },
      },
      {
        methodId: 'pca-kmeans',
        seed: 1,
        status: 'SUCCEEDED',
        labelColumn: 'cell_type',
        scores: { ARI: 0.56 },
      },
      // A score against another label column must not count.
      { methodId: 'pca-leiden', seed: 1, status: 'SUCCEEDED', labelColumn: 'other', scores: { ARI: 0.99 } },
      { methodId: 'scdeepcluster', seed: 1, status: 'FAILED', failureReason: 'out of memory' },
      { methodId: 'scsamac-zinb', seed: 1, status: 'QUEUED' },
    ]);
  });

  it('shows the paper ten methods for CITE_CBMC with no runs of the viewer', async () => {
    const stranger = await signUp(t.api, 'stranger');
    const data = await gqlData(t.api, query, { d: 'CITE_CBMC' }, stranger);
    const entries: Entry[] = data.leaderboard.entries;
    expect(entries).toHaveLength(10);
    expect(entries.every((entry) => entry.reported && entry.n === 1 && entry.sd === null)).toBe(true);
    expect(entries.map((entry) => [entry.method.id, entry.mean])).toEqual([
      ['sctpc', 0.6838],
      ['scsamac', 0.6607],
      ['scdcc', 0.6152],
      ['scname', 0.5547],
      ['scdcca', 0.543],
      ['scgmmae', 0.535],
      ['scdeepcluster', 0.5245],
      ['scsamac-zinb', 0.5089],
      ['contrast-sc', 0.4905],
      ['scdssc', 0.1876],
    ]);
    expect(entries[1]!.metrics.map((m) => m.metric)).toEqual(['ARI', 'CA', 'NMI', 'seconds']);
    expect(data.leaderboard.failedRuns).toEqual([]);
  });

  it('ranks our runs by mean over seeds beside the paper rows, with failed runs and their reasons', async () => {
    const data = await gqlData(t.api, query, { d: datasetId }, user);
    expect(data.leaderboard.benchmark).toBe('CITE_CBMC');
    const entries: Entry[] = data.leaderboard.entries;
    const ours = entries.filter((entry) => !entry.reported);
    expect(ours.map((entry) => entry.method.id)).toEqual(['scsamac', 'pca-kmeans']);
    const scsamac = ours[0]!;
    expect(scsamac.rank).toBe(1);
    expect(scsamac.n).toBe(3);
    expect(scsamac.values).toEqual([0.7, 0.8, 0.75]);
    expect(scsamac.mean).toBeCloseTo(0.75, 12);
    expect(scsamac.sd).toBeCloseTo(0.05, 12);
    expect(scsamac.runs.map((run) => run.seed)).toEqual([1, 2, 3]);
    expect(scsamac.metrics.find((m) => m.metric === 'NMI')).toMatchObject({ n: 3 });
    expect(entries.filter((entry) => entry.reported)).toHaveLength(10);
    // Ranks follow the means over both kinds of rows.
    const means = entries.map((entry) => entry.mean);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect(data.leaderboard.failedRuns).toEqual([
      {
        reason: 'out of memory',
        method: { id: 'scdeepcluster' },
        run: { id: expect.any(String), status: 'FAILED' },
      },
    ]);
    // The same runs appear on the benchmark's board for their owner.
    const board = await gqlData(t.api, query, { d: 'CITE_CBMC' }, user);
    expect(board.leaderboard.entries).toHaveLength(12);
  });

  it('honours includeReported, includeBaselines and the metric', async () => {
    const noPaper = await gqlData(t.api, query, { d: datasetId, r: false }, user);
    expect(noPaper.leaderboard.entries.map((e: Entry) => e.method.id)).toEqual(['scsamac', 'pca-kmeans']);
    const noBaselines = await gqlData(t.api, query, { d: datasetId, r: false, b: false }, user);
    expect(noBaselines.leaderboard.entries.map((e: Entry) => e.method.id)).toEqual(['scsamac']);
    expect(noBaselines.leaderboard.failedRuns).toEqual([]);
    const nmi = await gqlData(t.api, query, { d: 'CITE_CBMC', m: 'NMI' }, user);
    expect(nmi.leaderboard.metric).toBe('NMI');
    expect(nmi.leaderboard.entries.find((e: Entry) => !e.reported).mean).toBeCloseTo(0.73, 12);
    // Run time ranks fastest first.
    const seconds = await gqlData(t.api, query, { d: 'CITE_CBMC', m: 'seconds' }, user);
    const times = seconds.leaderboard.entries.map((e: Entry) => e.mean);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('answers NOT_FOUND for a name that is neither a paper dataset nor a visible dataset', async () => {
    expect(codeOf(await gql(t.api, query, { d: 'NOT_A_DATASET' }, user))).toBe('NOT_FOUND');
  });
});

import { artifacts, metricHistory, markers, runOutputs, runs, scores } from '@scsamac/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearCache } from '../../cache.js';
import { createLoaders } from '../../loaders.js';
import { insertArtifact, insertDataset, insertRuns } from '../../test/fixtures.js';
import {
  codeOf,
  createProject,
  engines,
  get,
  gql,
  gqlData,
  ownedProject,
  type TestUser,
} from '../../test/harness.js';
import { downsample } from './downsample.js';

describe('downsample', () => {
  it('keeps first and last and spreads the rest evenly', () => {
    const items = Array.from({ length: 11 }, (_, i) => i);
    expect(downsample(items, 3)).toEqual([0, 5, 10]);
    expect(downsample(items, 6)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(downsample(items, 20)).toBe(items);
  });
});

describe.each(engines)('runs on %s', (engine) => {
  const t = ownedProject(engine, {}, 'runner');
  let owner: TestUser;
  let projectId: string;
  let datasetId: string;

  beforeAll(async () => {
    ({ owner, projectId } = t);
    datasetId = await insertDataset(t.connection.db, projectId);
  });

  it('queues one run per seed as one run group', async () => {
    const data = await gqlData(
      t.api,
      `mutation($d: ID!) { startRun(input: { datasetId: $d, methodId: "scsamac", params: { pretrainSteps: 5 }, seeds: [3, 1, 2] }) {
        id seeds params method { id } runs { seed status progress params attempts cancelRequested } } }`,
      { d: datasetId },
      owner,
    );
    const group = data.startRun;
    expect(group.seeds).toEqual([3, 1, 2]);
    expect(group.method.id).toBe('scsamac');
    expect(group.runs.map((run: { seed: number }) => run.seed)).toEqual([1, 2, 3]);
    for (const run of group.runs) {
      expect(run).toMatchObject({
        status: 'QUEUED',
        progress: 0,
        params: { pretrainSteps: 5 },
        attempts: 0,
      });
    }
    const rows = await t.connection.db.select().from(runs).where(eq(runs.runGroupId, group.id));
    expect(rows.map((row) => row.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
  });

  it('rejects unknown, published-only methods and bad seeds with BAD_USER_INPUT', async () => {
    const start = 'mutation($i: StartRunInput!) { startRun(input: $i) { id } }';
    for (const input of [
      { datasetId, methodId: 'nope' },
      { datasetId, methodId: 'scname' },
      { datasetId, methodId: 'scsamac', seeds: [1, 1] },
      { datasetId, methodId: 'scsamac', seeds: [] },
      { datasetId, methodId: 'scsamac', params: [1, 2] },
    ]) {
      const result = await gql(t.api, start, { i: input }, owner);
      expect(codeOf(result), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
  });

  it("checks params with the method's option parser and names the bad key", async () => {
    const start = 'mutation($i: StartRunInput!) { startRun(input: $i) { id } }';
    for (const [input, field] of [
      [{ datasetId, methodId: 'scsamac', params: { epochs: 5 } }, 'params.epochs'],
      [{ datasetId, methodId: 'scsamac', params: { latent: 1 } }, 'params.latent'],
      [{ datasetId, methodId: 'pca-kmeans', params: { nInit: 'many' } }, 'params.nInit'],
    ] as const) {
      const result = await gql(t.api, start, { i: input }, owner);
      expect(codeOf(result), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect((result.errors?.[0]?.extensions as Record<string, unknown> | undefined)?.field).toBe(field);
      expect(result.errors?.[0]?.message).toContain(field.slice('params.'.length));
    }
  });

  it('filters, sorts and pages a project runs as a Relay connection', async () => {
    const project = await createProject(t.api, owner, 'paging');
    const dataset = await insertDataset(t.connection.db, project);
    await insertRuns(
      t.connection.db,
      project,
      dataset,
      Array.from({ length: 7 }, (_, i) => ({
        methodId: i % 2 ? 'pca-kmeans' : 'scsamac',
        seed: i,
        status: i < 3 ? ('SUCCEEDED' as const) : ('QUEUED' as const),
      })),
    );
    const query = `query($p: ID!, $after: String, $filter: RunFilter, $order: RunOrder) { project(id: $p) {
      runs(first: 3, after: $after, filter: $filter, orderBy: $order) {
        totalCount nodes { seed status method { id } } pageInfo { hasNextPage endCursor } } } }`;
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      type Page = {
        totalCount: number;
        nodes: { seed: number }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      const data: { project: { runs: Page } } = await gqlData(
        t.api,
        query,
        { p: project, after, order: { field: 'CREATED_AT', direction: 'ASC' } },
        owner,
      );
      const page = data.project.runs;
      expect(page.totalCount).toBe(7);
      seen.push(...page.nodes.map((node) => node.seed));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const filtered = await gqlData(
      t.api,
      query,
      { p: project, filter: { status: ['SUCCEEDED'], methodIds: ['scsamac'] } },
      owner,
    );
    expect(filtered.project.runs.totalCount).toBe(2);
    expect(filtered.project.runs.nodes.map((node: { seed: number }) => node.seed).sort()).toEqual([0, 2]);
    const tooMany = await gql(t.api, '{ projects(first: 101) { totalCount } }', {}, owner);
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('cancels queued runs at once and asks trainers to stop running ones', async () => {
    const [queued, running, done] = await insertRuns(t.connection.db, projectId, datasetId, [
      { methodId: 'scsamac' },
      { methodId: 'scsamac', status: 'RUNNING' },
      { methodId: 'scsamac', status: 'SUCCEEDED' },
    ]);
    const cancel =
      'mutation($id: ID!) { cancelRun(id: $id) { status cancelRequested failureReason finishedAt } }';
    const a = await gqlData(t.api, cancel, { id: queued }, owner);
    expect(a.cancelRun).toMatchObject({
      status: 'CANCELLED',
      cancelRequested: false,
      failureReason: 'cancelled by runner',
    });
    const b = await gqlData(t.api, cancel, { id: running }, owner);
    expect(b.cancelRun).toMatchObject({ status: 'RUNNING', cancelRequested: true, finishedAt: null });
    const [row] = await t.connection.db.select().from(runs).where(eq(runs.id, running!));
    expect(row!.cancelRequestedAt).toBeInstanceOf(Date);
    expect(codeOf(await gql(t.api, cancel, { id: done }, owner))).toBe('BAD_USER_INPUT');
    // A running run cannot be deleted; a finished one goes with its files.
    const remove = 'mutation($id: ID!) { deleteRun(id: $id) }';
    expect(codeOf(await gql(t.api, remove, { id: running }, owner))).toBe('BAD_USER_INPUT');
    const stored = await t.storage.put(`runs/${done}/labels.csv`, new TextEncoder().encode('x'));
    await insertArtifact(t.connection.db, done!, stored);
    expect((await gqlData(t.api, remove, { id: done }, owner)).deleteRun).toBe(done);
    expect(await t.storage.stat(stored.key)).toBeNull();
    expect(codeOf(await gql(t.api, 'query($id: ID!) { run(id: $id) { id } }', { id: done }, owner))).toBe(
      'NOT_FOUND',
    );
  });

  it('serves a finished run: history down-sampled, scores, labels, embedding, markers, artifacts', async () => {
    const [runId] = await insertRuns(t.connection.db, projectId, datasetId, [
      { methodId: 'scsamac', status: 'SUCCEEDED', scores: { ARI: 0.61, NMI: 0.7 } },
    ]);
    await t.connection.db.insert(metricHistory).values(
      Array.from({ length: 1000 }, (_, step) => ({
        runId: runId!,
        key: 'loss',
        step,
        value: 1000 - step,
        phase: 'pretrain',
      })),
    );
    await t.connection.db.insert(metricHistory).values([{ runId: runId!, key: 'nb', step: 0, value: 2 }]);
    await t.connection.db.insert(runOutputs).values({
      runId: runId!,
      cells: 3,
      labels: [0, 1, 1],
      latentDims: 32,
      embedding: [0, 0.5, 1, 1.5, 2, 2.5],
      embeddingMethod: 'umap',
    });
    await t.connection.db.insert(markers).values(
      [0, 1].flatMap((cluster) =>
        [1, 2, 3].map((rank) => ({
          runId: runId!,
          cluster,
          rank,
          gene: `g${cluster}${rank}`,
          geneIndex: rank,
          score: 10 - rank,
          logFoldChange: 1,
          pValue: 0.001,
          pValueAdjusted: 0.01,
          fractionIn: 0.9,
          fractionOut: 0.1,
          meanIn: 2,
        })),
      ),
    );
    const stored = await t.storage.put(
      `runs/${runId}/labels.csv`,
      new TextEncoder().encode('cell,cluster\nc0,0\n'),
    );
    const artifactId = await insertArtifact(t.connection.db, runId!, stored);
    const data = await gqlData(
      t.api,
      `query($id: ID!) { run(id: $id) {
        metricKeys metricHistory(keys: ["loss"], samples: 50) { key totalPoints points { step value phase } }
        scores { metric labelColumn value } ari: score(metric: "ari") labels
        embedding { method cells coordinates } markers(cluster: 1, top: 2) { cluster rank gene }
        artifacts { id kind fileName contentType sizeBytes sha256 downloadUrl createdAt } } }`,
      { id: runId },
      owner,
    );
    const run = data.run;
    expect(run.metricKeys).toEqual(['loss', 'nb']);
    expect(run.metricHistory).toHaveLength(1);
    expect(run.metricHistory[0].totalPoints).toBe(1000);
    expect(run.metricHistory[0].points).toHaveLength(50);
    expect(run.metricHistory[0].points[0]).toEqual({ step: 0, value: 1000, phase: 'pretrain' });
    expect(run.metricHistory[0].points[49].step).toBe(999);
    expect(run.scores).toEqual([
      { metric: 'ARI', labelColumn: 'Y', value: 0.61 },
      { metric: 'NMI', labelColumn: 'Y', value: 0.7 },
    ]);
    expect(run.ari).toBe(0.61);
    expect(run.labels).toEqual([0, 1, 1]);
    expect(run.embedding).toEqual({ method: 'umap', cells: 3, coordinates: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(run.markers).toEqual([
      { cluster: 1, rank: 1, gene: 'g11' },
      { cluster: 1, rank: 2, gene: 'g12' },
    ]);
    const [row] = await t.connection.db.select().from(artifacts).where(eq(artifacts.id, artifactId));
    expect(run.artifacts).toEqual([
      {
        id: artifactId,
        kind: 'labels',
        fileName: 'labels.csv',
        contentType: 'text/csv',
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        downloadUrl: `/artifacts/${artifactId}`,
        createdAt: row!.createdAt.toISOString(),
      },
    ]);
    const download = await get(t.api, run.artifacts[0].downloadUrl, owner);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="labels.csv"');
    expect(await download.text()).toBe('cell,cluster\nc0,0\n');
    // A file in a folder of the run (a trained model's model/weights.bin) downloads under its own name.
    const weights = await t.storage.put(`runs/${runId}/model/weights.bin`, new Uint8Array([1, 2, 3, 4]));
    const weightsId = await insertArtifact(t.connection.db, runId!, weights, 'model', 'model/weights.bin');
    const weightsDownload = await get(t.api, `/artifacts/${weightsId}`, owner);
    expect(weightsDownload.headers.get('content-disposition')).toBe('attachment; filename="weights.bin"');
    expect(new Uint8Array(await weightsDownload.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('compares runs side by side', async () => {
    const [a, b] = await insertRuns(t.connection.db, projectId, datasetId, [
      { methodId: 'scsamac', status: 'SUCCEEDED', params: { mu: 0.001, epochs: 5 }, scores: { ARI: 0.5 } },
      {
        methodId: 'scsamac',
        status: 'SUCCEEDED',
        params: { mu: 0.01, epochs: 5 },
        scores: { ARI: 0.6, NMI: 0.4 },
      },
    ]);
    const data = await gqlData(
      t.api,
      'query($ids: [ID!]!) { compareRuns(ids: $ids) { runs { id } parameters { name values differs } scores { metric values } } }',
      { ids: [a, b] },
      owner,
    );
    expect(data.compareRuns.runs.map((run: { id: string }) => run.id)).toEqual([a, b]);
    expect(data.compareRuns.parameters).toEqual([
      { name: 'epochs', values: [5, 5], differs: false },
      { name: 'mu', values: [0.001, 0.01], differs: true },
    ]);
    expect(data.compareRuns.scores).toEqual([
      { metric: 'ARI', values: [0.5, 0.6] },
      { metric: 'NMI', values: [null, 0.4] },
    ]);
  });

  it('batches nested lookups: a page of 60 runs costs the same number of queries as a page of 3', async () => {
    const project = await createProject(t.api, owner, 'n+1');
    const dataset = await insertDataset(t.connection.db, project);
    await insertRuns(
      t.connection.db,
      project,
      dataset,
      Array.from({ length: 60 }, (_, i) => ({
        methodId: 'scsamac',
        seed: i,
        status: 'SUCCEEDED' as const,
        scores: { ARI: i / 100 },
      })),
    );
    const query = `query($p: ID!, $n: Int) { project(id: $p) { runs(first: $n) { nodes {
      id method { id displayName } dataset { name project { name } } runGroup { id runs { id } }
      scores { metric value } artifacts { id } createdBy { id } } } } }`;
    const count = async (n: number): Promise<number> => {
      clearCache(t.connection.db); // cold: nothing shared from earlier requests (methods, finished runs' scores)
      t.queries.length = 0;
      const data = await gqlData(t.api, query, { p: project, n }, owner);
      expect(data.project.runs.nodes).toHaveLength(n);
      return t.queries.length;
    };
    const small = await count(3);
    const large = await count(60);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(8);
  });

  it('reads the runs that separate requests open at the same time in one statement', async () => {
    const ids = await insertRuns(
      t.connection.db,
      projectId,
      datasetId,
      Array.from({ length: 4 }, (_, i) => ({
        methodId: 'scsamac',
        seed: 200 + i,
        status: 'SUCCEEDED' as const,
        scores: { ARI: i / 10 },
      })),
    );
    const missing = '00000000-0000-4000-8000-000000000000';
    t.queries.length = 0;
    // One set of loaders per request, as the server builds them; the loads start in the same turn.
    const rows = await Promise.all(
      [...ids, missing].map((id) => createLoaders(t.connection.db, owner.id).run.load(id)),
    );
    expect(rows.map((row) => row?.id ?? null)).toEqual([...ids, null]);
    expect(rows.map((row) => row?.seed ?? null)).toEqual([200, 201, 202, 203, null]);
    expect(t.queries.filter((query) => /from "runs"/.test(query))).toHaveLength(1);
  });

  it("reads a finished run's scores, artifacts and dataset once per process, an unfinished run's on every request", async () => {
    const [finished, running] = await insertRuns(t.connection.db, projectId, datasetId, [
      { methodId: 'scsamac', seed: 7, status: 'SUCCEEDED', scores: { ARI: 0.61 } },
      { methodId: 'scsamac', seed: 8, status: 'RUNNING' },
    ]);
    const page = `query($id: ID!) { run(id: $id) { status dataset { id } scores { metric value } artifacts { id } } }`;
    const read = async (id: string) => {
      t.queries.length = 0;
      const data = await gqlData(t.api, page, { id }, owner);
      return { run: data.run, tables: t.queries.map((query) => /from "(\w+)"/.exec(query)?.[1]) };
    };
    const first = await read(finished!);
    expect(first.run).toEqual({
      status: 'SUCCEEDED',
      dataset: { id: datasetId },
      scores: [{ metric: 'ARI', value: 0.61 }],
      artifacts: [],
    });
    const again = await read(finished!);
    expect(again.run).toEqual(first.run);
    // A finished run's row is final and the viewer's role is kept a few seconds (src/shared-caches.test.ts shows
    // that a change of membership still applies at once).
    expect(again.tables).toEqual([]);

    expect((await read(running!)).run.scores).toEqual([]);
    await t.connection.db
      .insert(scores)
      .values({ runId: running!, metric: 'ARI', labelColumn: 'Y', value: 0.7 });
    const later = await read(running!);
    expect(later.run.scores).toEqual([{ metric: 'ARI', value: 0.7 }]);
    expect(later.tables).toContain('scores');
  });

  it('rejects too deep and too costly queries before running them', async () => {
    const deep = await gql(
      t.api,
      '{ projects { nodes { runs { nodes { runGroup { runs { dataset { project { runs { nodes { id } } } } } } } } } } }',
      {},
      owner,
    );
    expect(codeOf(deep)).toBe('BAD_USER_INPUT');
    expect(deep.errors![0]!.message).toMatch(/levels deep/);
    const costly = await gql(
      t.api,
      '{ projects(first: 100) { nodes { runs(first: 100) { nodes { id scores { value } } } } } }',
      {},
      owner,
    );
    expect(costly.errors![0]!.message).toMatch(/query costs about \d+; the limit is 20000/);
  });
});

// What the process-wide caches (roles, finished runs, datasets, a benchmark's datasets) must never do: serve a role
// after a membership changed through the API, or a run row that can still change. Every step first warms the cache
// it then checks, so a cache that ignored its invalidation would fail here.
import { runs, scores } from '@scsamac/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { boardTtlMs } from './schema/leaderboard/resolvers.js';
import { insertDataset, insertRuns } from './test/fixtures.js';
import { codeOf, engines, gql, gqlData, ownedProject, signUp, type TestUser } from './test/harness.js';

const runQuery = 'query($id: ID!) { run(id: $id) { id status scores { metric value } } }';
const boardById = 'query($d: String!) { leaderboard(dataset: $d) { entries { reported n } } }';
const boardByName = '{ leaderboard(dataset: "CITE_CBMC") { entries { reported n } } }';
const startRun = 'mutation($d: ID!) { startRun(input: { datasetId: $d, methodId: "pca-kmeans" }) { id } }';
const changeRole =
  'mutation($p: ID!, $u: ID!, $r: Role!) { changeMemberRole(projectId: $p, userId: $u, role: $r) { role } }';

describe.each(engines)('shared caches on %s', (engine) => {
  const t = ownedProject(engine);
  let member: TestUser;
  let datasetId: string;
  let finishedRun: string;
  let queuedRun: string;

  beforeAll(async () => {
    member = await signUp(t.api, 'member');
    await gqlData(
      t.api,
      'mutation($p: ID!, $e: String!) { addMember(projectId: $p, email: $e, role: VIEWER) { role } }',
      { p: t.projectId, e: member.email },
      t.owner,
    );
    datasetId = await insertDataset(t.connection.db, t.projectId, { reportedAs: 'CITE_CBMC' });
    [finishedRun, queuedRun] = await insertRuns(t.connection.db, t.projectId, datasetId, [
      { methodId: 'scsamac', status: 'SUCCEEDED', scores: { ARI: 0.7 } },
      { methodId: 'pca-kmeans', status: 'QUEUED' },
    ]);
  });

  /** Reads a finished run, the dataset's board and the benchmark's board as `member`, twice (the second from cache). */
  async function readAll() {
    const answer = async (query: string, variables: Record<string, unknown>) => {
      const { data, errors } = await gql(t.api, query, variables, member);
      return { data, errors };
    };
    const answers = [];
    for (let time = 0; time < 2; time++) {
      answers.push({
        run: await answer(runQuery, { id: finishedRun }),
        board: await answer(boardById, { d: datasetId }),
        byName: await gqlData(t.api, boardByName, {}, member),
      });
    }
    expect(answers[1]).toEqual(answers[0]);
    return answers[1]!;
  }

  it('serves a repeated run page and board without asking the database', async () => {
    await readAll();
    t.queries.length = 0;
    await readAll();
    expect(t.queries).toEqual([]);
  });

  it('applies a changed role at once, though roles are cached', async () => {
    await readAll();
    expect(codeOf(await gql(t.api, startRun, { d: datasetId }, member))).toBe('FORBIDDEN');
    await gqlData(t.api, changeRole, { p: t.projectId, u: member.id, r: 'EDITOR' }, t.owner);
    expect((await gql(t.api, startRun, { d: datasetId }, member)).errors).toBeUndefined();
    await readAll();
    await gqlData(t.api, changeRole, { p: t.projectId, u: member.id, r: 'VIEWER' }, t.owner);
    expect(codeOf(await gql(t.api, startRun, { d: datasetId }, member))).toBe('FORBIDDEN');
  });

  it('takes everything away at once from a member removed from the project, and gives it back on re-adding', async () => {
    const before = await readAll();
    expect(before.run.data).toEqual({
      run: { id: finishedRun, status: 'SUCCEEDED', scores: [{ metric: 'ARI', value: 0.7 }] },
    });
    expect(before.byName.leaderboard.entries).toHaveLength(11);
    await gqlData(
      t.api,
      'mutation($p: ID!, $u: ID!) { removeMember(projectId: $p, userId: $u) }',
      { p: t.projectId, u: member.id },
      t.owner,
    );
    expect(codeOf(await gql(t.api, runQuery, { id: finishedRun }, member))).toBe('NOT_FOUND');
    expect(codeOf(await gql(t.api, boardById, { d: datasetId }, member))).toBe('NOT_FOUND');
    const byName = await gqlData(t.api, boardByName, {}, member);
    expect(byName.leaderboard.entries.every((entry: { reported: boolean }) => entry.reported)).toBe(true);

    await gqlData(
      t.api,
      'mutation($p: ID!, $e: String!) { addMember(projectId: $p, email: $e, role: VIEWER) { role } }',
      { p: t.projectId, e: member.email },
      t.owner,
    );
    expect(await readAll()).toEqual(before);
  });

  it('reads an unfinished run afresh: what a trainer writes shows at once', async () => {
    const read = async () => (await gqlData(t.api, runQuery, { id: queuedRun }, member)).run;
    expect((await read()).status).toBe('QUEUED');
    await t.connection.db.update(runs).set({ status: 'RUNNING' }).where(eq(runs.id, queuedRun));
    expect((await read()).status).toBe('RUNNING');
    // A trainer finishes a run: its scores and the new status in one transaction.
    await t.connection.db.transaction(async (tx) => {
      await tx.insert(scores).values({ runId: queuedRun, metric: 'ARI', labelColumn: 'Y', value: 0.5 });
      await tx
        .update(runs)
        .set({ status: 'SUCCEEDED', finishedAt: new Date(), progress: 1 })
        .where(eq(runs.id, queuedRun));
    });
    expect(await read()).toEqual({
      id: queuedRun,
      status: 'SUCCEEDED',
      scores: [{ metric: 'ARI', value: 0.5 }],
    });
  });

  describe('a board', () => {
    // The clock only moves forward within these tests (a cache entry made at a later time must stay later).
    afterAll(() => vi.useRealTimers());
    /** Moves this process's clock (the caches' clock) past the time a board trusts its change marker. */
    const later = () => {
      const target = Date.now() + boardTtlMs + 100;
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(target);
    };
    const ours = async () => {
      const { leaderboard } = await gqlData(
        t.api,
        'query($d: String!) { leaderboard(dataset: $d) { entries { reported method { id } n mean } } }',
        { d: datasetId },
        member,
      );
      return leaderboard.entries.filter((entry: { reported: boolean }) => !entry.reported);
    };

    // Each test starts past the marker's time: the suite's earlier tests finished a run behind the caches' back.
    it('is not aggregated again while its runs stay the same', async () => {
      later();
      const before = await ours();
      later();
      t.queries.length = 0;
      expect(await ours()).toEqual(before);
      // The change marker is read again; the scores are not.
      expect(t.queries.some((query) => query.includes('from "runs"'))).toBe(true);
      expect(t.queries.filter((query) => query.includes('"scores"'))).toEqual([]);
    });

    it('shows a run another process finished once its marker is read again', async () => {
      later();
      const before = await ours();
      // What a trainer in another process writes: nothing this process's caches hear of.
      await insertRuns(t.connection.db, t.projectId, datasetId, [
        { methodId: 'scsamac', seed: 2, status: 'SUCCEEDED', scores: { ARI: 0.5 } },
      ]);
      later();
      const after = await ours();
      const scsamac = (entries: { method: { id: string }; n: number; mean: number }[]) =>
        entries.find((entry) => entry.method.id === 'scsamac');
      expect(scsamac(after)).toMatchObject({ n: scsamac(before)!.n + 1 });
      expect(scsamac(after)!.mean).toBeCloseTo((0.7 + 0.5) / 2);
    });
  });
});

// The membership suite: a non-member learns nothing about another team's project (every query, mutation, upload
// and download answers exactly as for an id that does not exist), and viewers read but cannot change anything.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertArtifact, insertDataset, insertRuns } from './test/fixtures.js';
import {
  codeOf,
  createProject,
  engines,
  get,
  gql,
  gqlData,
  ownedProject,
  signUp,
  type TestUser,
  upload,
} from './test/harness.js';

/** A small count matrix as CSV (12 cells x 3 genes), valid for @scsamac/io. */
function smallCsv(): Uint8Array {
  const lines = ['cell,geneA,geneB,geneC'];
  for (let cell = 0; cell < 12; cell++)
    lines.push(`c${cell},${cell % 3},${(cell * 7) % 5},${cell % 2 ? 4 : 0}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

describe.each(engines)('membership on %s', (engine) => {
  const t = ownedProject(engine);
  let owner: TestUser;
  let outsider: TestUser;
  let viewer: TestUser;
  const ids = {} as Record<'project' | 'dataset' | 'run' | 'run2' | 'group' | 'artifact' | 'upload', string>;

  beforeAll(async () => {
    owner = t.owner;
    outsider = await signUp(t.api, 'outsider');
    viewer = await signUp(t.api, 'viewer');
    // The outsider and the viewer own projects of their own, so a check that asked "a member of some project?"
    // or took a role from the wrong project would let them through.
    await createProject(t.api, outsider, 'Outsider project');
    await createProject(t.api, viewer, 'Viewer project');
    ids.project = t.projectId;
    await gqlData(
      t.api,
      'mutation($p: ID!, $e: String!) { addMember(projectId: $p, email: $e, role: VIEWER) { role } }',
      { p: ids.project, e: viewer.email },
      owner,
    );
    ids.dataset = await insertDataset(t.connection.db, ids.project, { reportedAs: 'CITE_CBMC' });
    [ids.run, ids.run2] = await insertRuns(t.connection.db, ids.project, ids.dataset, [
      { methodId: 'scsamac', status: 'SUCCEEDED', scores: { ARI: 0.7 } },
      { methodId: 'pca-kmeans', status: 'QUEUED' },
    ]);
    const group = await gqlData(
      t.api,
      'query($id: ID!) { run(id: $id) { runGroup { id } } }',
      { id: ids.run },
      owner,
    );
    ids.group = group.run.runGroup.id;
    const stored = await t.storage.put(
      `runs/${ids.run}/labels.csv`,
      new TextEncoder().encode('cell,cluster\n'),
    );
    ids.artifact = await insertArtifact(t.connection.db, ids.run, stored);
    const uploaded = await upload(t.api, owner, ids.project, 'small.csv', smallCsv());
    expect(uploaded.status).toBe(201);
    ids.upload = uploaded.body.upload.id;
  });

  const reads: [string, string, (i: typeof ids) => Record<string, unknown>][] = [
    ['project', 'query($id: ID!) { project(id: $id) { id name } }', (i) => ({ id: i.project })],
    ['dataset', 'query($id: ID!) { dataset(id: $id) { id name } }', (i) => ({ id: i.dataset })],
    ['run', 'query($id: ID!) { run(id: $id) { id status } }', (i) => ({ id: i.run })],
    ['run group', 'query($id: ID!) { runGroup(id: $id) { id } }', (i) => ({ id: i.group })],
    ['upload', 'query($id: ID!) { upload(id: $id) { id } }', (i) => ({ id: i.upload })],
    [
      'run',
      'query($ids: [ID!]!) { compareRuns(ids: $ids) { runs { id } } }',
      (i) => ({ ids: [i.run, i.run2] }),
    ],
    [
      'dataset',
      'query($d: String!) { leaderboard(dataset: $d) { entries { mean } } }',
      (i) => ({ d: i.dataset }),
    ],
  ];

  const writes: [string, string, (i: typeof ids, u: TestUser) => Record<string, unknown>][] = [
    [
      'project',
      'mutation($id: ID!) { renameProject(id: $id, name: "x") { id } }',
      (i) => ({ id: i.project }),
    ],
    ['project', 'mutation($id: ID!) { deleteProject(id: $id) }', (i) => ({ id: i.project })],
    [
      'project',
      'mutation($id: ID!, $e: String!) { addMember(projectId: $id, email: $e, role: OWNER) { role } }',
      (i, u) => ({ id: i.project, e: u.email }),
    ],
    [
      'project',
      'mutation($id: ID!, $u: ID!) { changeMemberRole(projectId: $id, userId: $u, role: OWNER) { role } }',
      (i, u) => ({ id: i.project, u: u.id }),
    ],
    [
      'upload',
      'mutation($u: ID!) { registerDataset(input: { uploadId: $u, name: "x" }) { id } }',
      (i) => ({ u: i.upload }),
    ],
    ['dataset', 'mutation($id: ID!) { deleteDataset(id: $id) }', (i) => ({ id: i.dataset })],
    [
      'dataset',
      'mutation($d: ID!) { startRun(input: { datasetId: $d, methodId: "pca-kmeans" }) { id } }',
      (i) => ({ d: i.dataset }),
    ],
    ['run', 'mutation($id: ID!) { cancelRun(id: $id) { id } }', (i) => ({ id: i.run2 })],
    ['run', 'mutation($id: ID!) { deleteRun(id: $id) }', (i) => ({ id: i.run })],
  ];

  it('shows a non-member nothing: every query answers NOT_FOUND, word for word as for a missing id', async () => {
    for (const [what, query, variables] of reads) {
      const real = await gql(t.api, query, variables(ids), outsider);
      const missing = await gql(
        t.api,
        query,
        variables(Object.fromEntries(Object.keys(ids).map((key) => [key, randomUUID()])) as typeof ids),
        outsider,
      );
      expect(codeOf(real), query).toBe('NOT_FOUND');
      expect(real.errors![0]!.message).toBe(`${what} not found`);
      expect(real.errors, query).toEqual(missing.errors);
      expect(real.data ?? null, query).toEqual(missing.data ?? null);
    }
    const list = await gqlData(t.api, '{ projects { totalCount nodes { name } } }', {}, outsider);
    expect(list.projects).toEqual({ totalCount: 1, nodes: [{ name: 'Outsider project' }] });
    // The paper's rows are public; the owner's runs on their CITE_CBMC copy are not.
    const board = await gqlData(
      t.api,
      '{ leaderboard(dataset: "CITE_CBMC") { entries { reported runs { id } } } }',
      {},
      outsider,
    );
    expect(board.leaderboard.entries).toHaveLength(10);
    expect(board.leaderboard.entries.every((entry: { reported: boolean }) => entry.reported)).toBe(true);
    const ownerBoard = await gqlData(
      t.api,
      '{ leaderboard(dataset: "CITE_CBMC") { entries { reported } } }',
      {},
      owner,
    );
    expect(ownerBoard.leaderboard.entries).toHaveLength(11);
  });

  it('lets a non-member change nothing: every mutation answers NOT_FOUND and the data stays', async () => {
    for (const [what, mutation, variables] of writes) {
      const result = await gql(t.api, mutation, variables(ids, outsider), outsider);
      expect(codeOf(result), mutation).toBe('NOT_FOUND');
      expect(result.errors![0]!.message).toBe(`${what} not found`);
    }
    const still = await gqlData(
      t.api,
      'query($p: ID!, $r: ID!) { project(id: $p) { name members { user { email } } runs { totalCount } } run(id: $r) { status } }',
      { p: ids.project, r: ids.run2 },
      owner,
    );
    expect(still.project.name).toBe('Project');
    expect(still.project.members).toHaveLength(2);
    expect(still.project.runs.totalCount).toBe(2);
    expect(still.run.status).toBe('QUEUED');
  });

  it('refuses a non-member uploads and downloads with 404, as for missing ids', async () => {
    const up = await upload(t.api, outsider, ids.project, 'small.csv', smallCsv());
    expect(up.status).toBe(404);
    expect(up.body.error.code).toBe('NOT_FOUND');
    const upMissing = await upload(t.api, outsider, randomUUID(), 'small.csv', smallCsv());
    expect(upMissing).toEqual(up);
    for (const route of [`/artifacts/${ids.artifact}`, `/datasets/${ids.dataset}/file`]) {
      const response = await get(t.api, route, outsider);
      expect(response.status).toBe(404);
      const missing = await get(t.api, route.replace(/[0-9a-f-]{36}/, randomUUID()), outsider);
      expect(await response.json()).toEqual(await missing.json());
    }
    expect((await get(t.api, `/artifacts/${ids.artifact}`)).status).toBe(401);
    expect((await upload(t.api, {}, ids.project, 'small.csv', smallCsv())).status).toBe(401);
  });

  it('lets a viewer read and download but not change anything (FORBIDDEN)', async () => {
    for (const [, query, variables] of reads) {
      const result = await gql(t.api, query, variables(ids), viewer);
      expect(result.errors, query).toBeUndefined();
    }
    const download = await get(t.api, `/artifacts/${ids.artifact}`, viewer);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('cell,cluster\n');
    for (const [, mutation, variables] of writes) {
      const result = await gql(t.api, mutation, variables(ids, viewer), viewer);
      expect(codeOf(result), mutation).toBe('FORBIDDEN');
    }
    const up = await upload(t.api, viewer, ids.project, 'small.csv', smallCsv());
    expect(up.status).toBe(403);
    // A viewer may still leave the project.
    const leave = await gql(
      t.api,
      'mutation($p: ID!, $u: ID!) { removeMember(projectId: $p, userId: $u) }',
      { p: ids.project, u: viewer.id },
      viewer,
    );
    expect(leave.data).toEqual({ removeMember: viewer.id });
    expect(codeOf(await gql(t.api, reads[0]![1], reads[0]![2](ids), viewer))).toBe('NOT_FOUND');
  });

  it('asks for sign-in before anything project-related', async () => {
    for (const [, query, variables] of reads) {
      expect(codeOf(await gql(t.api, query, variables(ids))), query).toBe('UNAUTHENTICATED');
    }
  });
});

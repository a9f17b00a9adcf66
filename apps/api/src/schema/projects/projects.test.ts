import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertArtifact, insertDataset, insertRuns } from '../../test/fixtures.js';
import {
  codeOf,
  createProject,
  engines,
  gql,
  gqlData,
  signUp,
  startTestApi,
  type TestApi,
  type TestUser,
} from '../../test/harness.js';

describe.each(engines)('projects and members on %s', (engine) => {
  let t: TestApi;
  let owner: TestUser;
  let colleague: TestUser;

  beforeAll(async () => {
    t = await startTestApi(engine);
    owner = await signUp(t.api, 'owner');
    colleague = await signUp(t.api, 'colleague');
  });
  afterAll(() => t.close());

  it('creates, lists (newest first, paged), renames projects with the creator as owner', async () => {
    const first = await createProject(t.api, owner, 'First');
    const second = await createProject(t.api, owner, 'Second');
    const page = await gqlData(
      t.api,
      '{ projects(first: 1) { totalCount nodes { id name viewerRole members { role user { email } } } pageInfo { hasNextPage endCursor } } }',
      {},
      owner,
    );
    expect(page.projects.totalCount).toBe(2);
    expect(page.projects.nodes).toEqual([
      {
        id: second,
        name: 'Second',
        viewerRole: 'OWNER',
        members: [{ role: 'OWNER', user: { email: owner.email } }],
      },
    ]);
    const next = await gqlData(
      t.api,
      'query($a: String) { projects(first: 1, after: $a) { nodes { id } pageInfo { hasNextPage } } }',
      { a: page.projects.pageInfo.endCursor },
      owner,
    );
    expect(next.projects).toEqual({ nodes: [{ id: first }], pageInfo: { hasNextPage: false } });
    const renamed = await gqlData(
      t.api,
      'mutation($id: ID!) { renameProject(id: $id, name: "  Renamed ", description: "about") { name description } }',
      { id: first },
      owner,
    );
    expect(renamed.renameProject).toEqual({ name: 'Renamed', description: 'about' });
    const empty = await gql(
      t.api,
      'mutation($id: ID!) { renameProject(id: $id, name: " ") { name } }',
      { id: first },
      owner,
    );
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
  });

  it('adds, re-roles and removes members, always keeping an owner', async () => {
    const project = await createProject(t.api, owner, 'Team');
    const add =
      'mutation($p: ID!, $e: String!, $r: Role!) { addMember(projectId: $p, email: $e, role: $r) { role user { id } } }';
    const added = await gqlData(
      t.api,
      add,
      { p: project, e: colleague.email.toUpperCase(), r: 'EDITOR' },
      owner,
    );
    expect(added.addMember).toEqual({ role: 'EDITOR', user: { id: colleague.id } });
    expect(codeOf(await gql(t.api, add, { p: project, e: colleague.email, r: 'VIEWER' }, owner))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(t.api, add, { p: project, e: 'nobody@example.org', r: 'VIEWER' }, owner))).toBe(
      'BAD_USER_INPUT',
    );
    // An editor sees the project and may not manage members.
    const seen = await gqlData(
      t.api,
      'query($p: ID!) { project(id: $p) { viewerRole } }',
      { p: project },
      colleague,
    );
    expect(seen.project.viewerRole).toBe('EDITOR');
    const other = await signUp(t.api, 'third');
    expect(codeOf(await gql(t.api, add, { p: project, e: other.email, r: 'VIEWER' }, colleague))).toBe(
      'FORBIDDEN',
    );

    const change =
      'mutation($p: ID!, $u: ID!, $r: Role!) { changeMemberRole(projectId: $p, userId: $u, role: $r) { role } }';
    expect(codeOf(await gql(t.api, change, { p: project, u: owner.id, r: 'VIEWER' }, owner))).toBe(
      'BAD_USER_INPUT',
    );
    await gqlData(t.api, change, { p: project, u: colleague.id, r: 'OWNER' }, owner);
    expect(
      (await gqlData(t.api, change, { p: project, u: owner.id, r: 'VIEWER' }, owner)).changeMemberRole.role,
    ).toBe('VIEWER');
    const remove = 'mutation($p: ID!, $u: ID!) { removeMember(projectId: $p, userId: $u) }';
    expect(codeOf(await gql(t.api, remove, { p: project, u: colleague.id }, colleague))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await gqlData(t.api, remove, { p: project, u: owner.id }, colleague)).removeMember).toBe(
      owner.id,
    );
    expect(codeOf(await gql(t.api, 'query($p: ID!) { project(id: $p) { id } }', { p: project }, owner))).toBe(
      'NOT_FOUND',
    );
  });

  it('deletes a project with its datasets, runs and stored files (owners only)', async () => {
    const project = await createProject(t.api, owner, 'Doomed');
    const dataset = await insertDataset(t.connection.db, project);
    const [run] = await insertRuns(t.connection.db, project, dataset, [
      { methodId: 'scsamac', status: 'SUCCEEDED' },
    ]);
    const stored = await t.storage.put(`runs/${run}/labels.csv`, new TextEncoder().encode('x'));
    await insertArtifact(t.connection.db, run!, stored);
    const deleted = await gqlData(
      t.api,
      'mutation($id: ID!) { deleteProject(id: $id) }',
      { id: project },
      owner,
    );
    expect(deleted.deleteProject).toBe(project);
    expect(await t.storage.stat(stored.key)).toBeNull();
    expect(codeOf(await gql(t.api, 'query($id: ID!) { run(id: $id) { id } }', { id: run }, owner))).toBe(
      'NOT_FOUND',
    );
  });
});

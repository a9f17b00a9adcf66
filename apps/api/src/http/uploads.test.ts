import { datasets, uploads } from '@scsamac/db';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed-demo.js';
import {
  codeOf,
  engines,
  get,
  gql,
  gqlData,
  ownedProject,
  sharedFile,
  type TestUser,
  upload,
} from '../test/harness.js';
import { histogram } from './matrix-summary.js';

const baron = readFileSync(sharedFile('formats/Baron_mouse1.csr.h5ad'));

describe('histogram', () => {
  it('bins values into equal-width bins, the maximum in the last', () => {
    expect(histogram(new Float64Array([0, 1, 2, 3, 4]), 2)).toEqual({ edges: [0, 2, 4], counts: [2, 3] });
    expect(histogram(new Float64Array([5, 5]), 2)).toEqual({ edges: [5, 5.5, 6], counts: [2, 0] });
  });
});

describe.each(engines)('uploads on %s', (engine) => {
  const t = ownedProject(engine, { maxUploadBytes: 4 * 1024 * 1024 }, 'uploader');
  let user: TestUser;
  let projectId: string;

  beforeAll(() => {
    ({ owner: user, projectId } = t);
  });

  it('streams the Baron h5ad in, validates it, registers it and streams it back byte for byte', async () => {
    const sent = await upload(t.api, user, projectId, 'Baron_mouse1.csr.h5ad', baron);
    expect(sent.status).toBe(201);
    const sha256 = createHash('sha256').update(baron).digest('hex');
    expect(sent.body.upload).toMatchObject({
      fileName: 'Baron_mouse1.csr.h5ad',
      sizeBytes: baron.length,
      sha256,
      format: 'h5ad',
      cells: 822,
      genes: 14878,
    });
    const cellType = sent.body.upload.labelColumns.find((c: { name: string }) => c.name === 'cell_type');
    expect(cellType).toEqual({ name: 'cell_type', classes: 13 });

    const registered = await gqlData(
      t.api,
      `mutation($u: ID!) { registerDataset(input: { uploadId: $u, name: "Baron", labelColumn: "cell_type" }) {
        id name format cells genes nonZeros labelColumn sha256 downloadUrl
        qualityControl { countsPerCell { edges counts } genesPerCell { counts } } } }`,
      { u: sent.body.upload.id },
      user,
    );
    const dataset = registered.registerDataset;
    expect(dataset).toMatchObject({
      name: 'Baron',
      format: 'h5ad',
      cells: 822,
      labelColumn: 'cell_type',
      sha256,
    });
    const counts: number[] = dataset.qualityControl.countsPerCell.counts;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(822);
    expect(dataset.qualityControl.genesPerCell.counts.reduce((a: number, b: number) => a + b, 0)).toBe(822);
    const back = await get(t.api, dataset.downloadUrl, user);
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(baron)).toBe(true);
    // An upload registers once.
    const again = await gql(
      t.api,
      'mutation($u: ID!) { registerDataset(input: { uploadId: $u, name: "again" }) { id } }',
      { u: sent.body.upload.id },
      user,
    );
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
  });

  it('checks the label column and the paper dataset name on registration', async () => {
    const sent = await upload(t.api, user, projectId, 'Baron_mouse1.csr.h5ad', baron);
    const register = 'mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id reportedAs } }';
    const badColumn = await gql(
      t.api,
      register,
      { i: { uploadId: sent.body.upload.id, name: 'x', labelColumn: 'nope' } },
      user,
    );
    expect(codeOf(badColumn)).toBe('BAD_USER_INPUT');
    expect(badColumn.errors![0]!.message).toMatch(/no label column nope \(it has: .*cell_type/);
    const badName = await gql(
      t.api,
      register,
      { i: { uploadId: sent.body.upload.id, name: 'x', reportedAs: 'Nowhere' } },
      user,
    );
    expect(badName.errors![0]!.message).toMatch(/not a dataset of the paper/);
    const good = await gqlData(
      t.api,
      register,
      { i: { uploadId: sent.body.upload.id, name: 'x', reportedAs: 'CITE_CBMC' } },
      user,
    );
    expect(good.registerDataset.reportedAs).toBe('CITE_CBMC');
    const removed = await gqlData(
      t.api,
      'mutation($id: ID!) { deleteDataset(id: $id) }',
      { id: good.registerDataset.id },
      user,
    );
    expect(removed.deleteDataset).toBe(good.registerDataset.id);
    expect(await t.storage.stat(`uploads/${sent.body.upload.id}`)).toBeNull();
  });

  it('rejects a corrupt file with the reader message and keeps nothing', async () => {
    const before = await t.connection.db.select().from(uploads).where(eq(uploads.projectId, projectId));
    const corrupt = baron.subarray(0, 100_000);
    const sent = await upload(t.api, user, projectId, 'broken.h5ad', corrupt);
    expect(sent.status).toBe(400);
    expect(sent.body.error.code).toBe('BAD_USER_INPUT');
    expect(sent.body.error.message).toMatch(/^broken\.h5ad: /);
    expect(sent.body.error.message).not.toMatch(/scsamac-uploads/);
    const after = await t.connection.db.select().from(uploads).where(eq(uploads.projectId, projectId));
    expect(after).toHaveLength(before.length);
    const stored = await readdir(`${(t.storage as unknown as { root: string }).root}/uploads`);
    // One file per upload row: the rejected file left nothing behind.
    expect(stored).toHaveLength(before.length);
  });

  it('rejects a file over the size limit with 413 and a form without a file with 400', async () => {
    const big = new Uint8Array(4 * 1024 * 1024 + 10);
    const sent = await upload(t.api, user, projectId, 'big.csv', big);
    expect(sent.status).toBe(413);
    expect(sent.body.error.message).toMatch(/larger than the limit of 4194304 bytes/);
    const empty = await fetch(`${t.api.origin}/uploads?projectId=${projectId}`, {
      method: 'POST',
      headers: { cookie: user.cookie },
      body: new FormData(),
    });
    expect(empty.status).toBe(400);
  });

  it('seeds a demo user and project with the shared datasets once', async () => {
    const sharedDir = sharedFile('.');
    const first = await seedDemo(t.connection, t.storage, { sharedDir });
    expect(first.created).toBe(true);
    expect(first.datasetIds).toHaveLength(2);
    const second = await seedDemo(t.connection, t.storage, { sharedDir });
    expect(second.created).toBe(false);
    const rows = await t.connection.db
      .select()
      .from(datasets)
      .where(eq(datasets.projectId, first.projectId!));
    expect(rows.map((row) => [row.cells, row.reportedAs]).sort()).toEqual([
      [822, null],
      [8617, 'CITE_CBMC'],
    ]);
    const signIn = await gql(t.api, 'mutation($i: SignInInput!) { signIn(input: $i) { viewer { email } } }', {
      i: { email: first.email, password: first.password },
    });
    expect(signIn.data).toEqual({ signIn: { viewer: { email: 'demo@scsamac.local' } } });
  });
});

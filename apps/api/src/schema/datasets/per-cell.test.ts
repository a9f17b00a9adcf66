import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  codeOf,
  gql,
  gqlData,
  ownedProject,
  sharedFile,
  signUp,
  type TestUser,
  upload,
} from '../../test/harness.js';
import { cachedMatrixCount } from './matrix-cache.js';

const baron = readFileSync(sharedFile('formats/Baron_mouse1.csr.h5ad'));

// Expected values computed independently with h5py + scipy from the same file:
//   X = csr(X/data, X/indices, X/indptr); v = log1p(1e4 * X[:, Ins1] / X.sum(1))
//   -> v[:5], v.sum() and count(v > 0); obs/cell_type categories[codes[:5]].
const ins1First = [6.940564, 2.595363, 3.414437, 2.775369, 2.815816];

// One engine is enough: these fields read the stored file, not the database.
describe('per-cell dataset views (pglite)', () => {
  const t = ownedProject('pglite', { maxUploadBytes: 4 * 1024 * 1024 }, 'percell');
  let owner: TestUser;
  let stranger: TestUser;
  let datasetId: string;

  beforeAll(async () => {
    owner = t.owner;
    stranger = await signUp(t.api, 'stranger');
    const sent = await upload(t.api, owner, t.projectId, 'Baron_mouse1.csr.h5ad', baron);
    expect(sent.status).toBe(201);
    const data = await gqlData(
      t.api,
      'mutation($u: ID!) { registerDataset(input: { uploadId: $u, name: "Baron", labelColumn: "cell_type" }) { id } }',
      { u: sent.body.upload.id },
      owner,
    );
    datasetId = data.registerDataset.id;
  });

  it('serves true labels and one gene’s log-normalised expression per cell, reading the file once', async () => {
    const data = await gqlData(
      t.api,
      `query($d: ID!) { dataset(id: $d) { cells truth: cellLabels explicit: cellLabels(column: "cell_type")
        ins1: expression(gene: "Ins1") missing: expression(gene: "NoSuchGene") } }`,
      { d: datasetId },
      owner,
    );
    const dataset = data.dataset;
    expect(dataset.truth).toHaveLength(822);
    expect(dataset.truth.slice(0, 5)).toEqual(['beta', 'ductal', 'delta', 'schwann', 'delta']);
    expect(dataset.explicit).toEqual(dataset.truth);
    expect(dataset.ins1).toHaveLength(822);
    dataset.ins1
      .slice(0, 5)
      .forEach((value: number, i: number) => expect(value).toBeCloseTo(ins1First[i]!, 4));
    const sum = dataset.ins1.reduce((a: number, b: number) => a + b, 0);
    expect(sum).toBeCloseTo(4250.9414, 1);
    expect(dataset.ins1.filter((value: number) => value > 0)).toHaveLength(821);
    expect(dataset.missing).toBeNull();
    expect(cachedMatrixCount()).toBe(1);
    await gqlData(
      t.api,
      'query($d: ID!) { dataset(id: $d) { expression(gene: "Gcg") } }',
      { d: datasetId },
      owner,
    );
    expect(cachedMatrixCount()).toBe(1);
  });

  it('rejects an unknown label column and hides the views from non-members', async () => {
    const bad = await gql(
      t.api,
      'query($d: ID!) { dataset(id: $d) { cellLabels(column: "nope") } }',
      { d: datasetId },
      owner,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    for (const field of ['cellLabels', 'expression(gene: "Ins1")']) {
      const result = await gql(
        t.api,
        `query($d: ID!) { dataset(id: $d) { ${field} } }`,
        { d: datasetId },
        stranger,
      );
      expect(codeOf(result), field).toBe('NOT_FOUND');
    }
  });
});

import type { CountMatrix } from '@scsamac/io';
import { scsamac } from '@scsamac/model';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alignModel, readModelFolder, writeModelFolder, type SavedModel } from './model-folder.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scsamac-model-'));
  dirs.push(dir);
  return path.join(dir, 'model');
}

/** Distinct values for every tensor, so a tensor read back in another's place would show. */
let counter = 0;
const tensor = (...shape: number[]) =>
  scsamac.serialise(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (counter += 0.25) - 1e3),
    shape,
  );

/** A model state of the real type with small made-up tensors: the folder's format does not care what they mean. */
function smallModel(): scsamac.ScsamacModelState {
  return {
    format: 'scsamac-model/1',
    shape: { genes: 3, hidden: [4, 2], latent: 2, heads: 1, attention: false, zeroInflated: false },
    genes: [4, 0, 2],
    targetSum: 1e4,
    geneMean: tensor(3),
    geneInverseSd: tensor(3),
    orderSeed: 7,
    batchSize: 256,
    alpha: 1,
    weights: { 'enc1.w': tensor(3, 4), 'enc1.b': tensor(4), 'heads.w': tensor(4, 6) },
    centres: tensor(2, 2),
  };
}
const provenance = { method: 'scsamac', options: { seed: 7, k: 2 } };

function matrixWith(geneNames: string[]): CountMatrix {
  return {
    rows: 1,
    cols: geneNames.length,
    indptr: Int32Array.from([0, 0]),
    indices: new Int32Array(0),
    data: new Float32Array(0),
    cellIds: ['c'],
    geneNames,
    labels: [],
    provenance: { format: 'csv' } as CountMatrix['provenance'],
  };
}

describe('model folder', () => {
  it('writes model.json + weights.bin and reads back the same model, its gene names and provenance', async () => {
    const dir = await folder();
    const model = smallModel();
    const training = ['g0', 'g1', 'g2', 'g3', 'g4'];
    const written = await writeModelFolder(dir, model, training, provenance);
    expect(written).toEqual([
      { fileName: 'model.json', contentType: 'application/json' },
      { fileName: 'weights.bin', contentType: 'application/octet-stream' },
    ]);
    // 3 + 3 + 4 (centres) + 12 + 4 + 24 floats.
    expect((await stat(path.join(dir, 'weights.bin'))).size).toBe(50 * 4);
    const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'scsamac-model-folder/1', geneNames: ['g4', 'g0', 'g2'] });
    expect(JSON.stringify(json)).not.toContain('base64');
    const saved = await readModelFolder(dir);
    expect(saved.model).toEqual(model);
    expect(saved).toMatchObject({ geneNames: ['g4', 'g0', 'g2'], ...provenance });
    // The output folder that holds it as model/ works too.
    expect(await readModelFolder(path.dirname(dir))).toEqual(saved);
  });

  it('names the file and the problem when the folder is not a model', async () => {
    const dir = await folder();
    await expect(readModelFolder(dir)).rejects.toThrow(
      `${path.join(dir, 'model.json')}: no such file; --model takes the folder that scsamac cluster --out wrote`,
    );
    await writeModelFolder(dir, smallModel(), ['g0', 'g1', 'g2', 'g3', 'g4'], provenance);
    const weights = path.join(dir, 'weights.bin');
    await writeFile(weights, (await readFile(weights)).subarray(0, 196));
    await expect(readModelFolder(dir)).rejects.toThrow(
      `${weights}: 196 bytes, but the 6 tensors of model.json need 200`,
    );
    const json = path.join(dir, 'model.json');
    await writeFile(json, '{"format": "something else"}');
    await expect(readModelFolder(dir)).rejects.toThrow(
      new RegExp(`^${json}: not a scsamac-model-folder/1 model: .*format`, 's'),
    );
    await writeFile(json, '{"format": ');
    await expect(readModelFolder(dir)).rejects.toThrow(`${json}: not JSON`);
  });
});

describe('alignModel', () => {
  const saved: SavedModel = { model: smallModel(), geneNames: ['B', 'A', 'A'], ...provenance };

  it('finds the model genes in a new file by name, duplicates in order, whatever the column order', () => {
    const { model, matrix, missing } = alignModel(saved, matrixWith(['A', 'x', 'B', 'A']), 'new.csv');
    // B is column 2; the first A column 0, the second A (scanpy's A-1) column 3.
    expect(model.genes).toEqual([2, 0, 3]);
    expect(missing).toEqual([]);
    expect(matrix.cols).toBe(4);
    expect(model.weights).toBe(saved.model.weights);
  });

  it('adds an all-zero column for each missing gene and lists it', () => {
    const { model, matrix, missing } = alignModel(saved, matrixWith(['A', 'y', 'x']), 'new.csv');
    expect(missing).toEqual(['B', 'A-1']);
    expect(model.genes).toEqual([3, 0, 4]);
    expect(matrix.cols).toBe(5);
    expect(matrix.geneNames).toEqual(['A', 'y', 'x', 'B', 'A-1']);
    expect(Array.from(matrix.indptr)).toEqual([0, 0]);
  });

  it('refuses a file that shares no gene with the model, naming both', () => {
    expect(() => alignModel(saved, matrixWith(['x', 'y']), 'other.h5ad')).toThrow(
      "other.h5ad: none of the model's 3 genes is among the file's 2 gene names (first model genes: B, A, A-1; first in the file: x, y)",
    );
  });
});

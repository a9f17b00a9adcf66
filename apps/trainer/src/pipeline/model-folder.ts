// A trained scSAMAC model as a folder, the way TensorFlow.js saves models: `model.json` (what the model is, the names
// of the genes it reads, and a manifest of its tensors) beside `weights.bin` (the tensors' float32 values, little
// endian, in manifest order). `scsamac cluster --out DIR` writes DIR/model/; `scsamac predict --model DIR` reads
// it. Genes are kept by name, so a new file's genes may come in any order (see alignModel); files without gene
// names (h5 X/Y) get `gene_0`, `gene_1`, … from libs/io, which match by position.
import type { CountMatrix } from '@scsamac/io';
import { scsamac } from '@scsamac/model';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const FOLDER_FORMAT = 'scsamac-model-folder/1';
export const MODEL_JSON = 'model.json';
/** Where `scsamac cluster --out DIR` (and a trainer run's files) keep the model: DIR/model/. */
export const MODEL_SUBFOLDER = 'model';
export const WEIGHTS_BIN = 'weights.bin';

/** A model read back from its folder: the model libs/model embeds and predicts with, and its genes by name. */
export interface SavedModel {
  model: scsamac.ScsamacModelState;
  /** Name of each gene the model reads, in model order (`model.genes` are the training file's columns). */
  geneNames: string[];
  /** Method and options it was trained with (provenance; not needed to predict). */
  method: string;
  options: Record<string, unknown>;
}

const tensorEntrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
});
const modelJsonSchema = z.object({
  format: z.literal(FOLDER_FORMAT),
  method: z.string(),
  options: z.record(z.string(), z.unknown()),
  geneNames: z.array(z.string()),
  model: z.object({
    format: z.literal('scsamac-model/1'),
    shape: z.object({
      genes: z.number().int().min(1),
      hidden: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
      latent: z.number().int().min(1),
      heads: z.number().int().min(1),
      attention: z.boolean(),
      zeroInflated: z.boolean(),
    }),
    genes: z.array(z.number().int().min(0)),
    targetSum: z.number().positive(),
    orderSeed: z.number().int().optional(),
    batchSize: z.number().int().min(1),
    alpha: z.number().positive(),
  }),
  /** The tensors in weights.bin, in order: geneMean, geneInverseSd, centres, then `weights.<name>`. */
  tensors: z.array(tensorEntrySchema),
});
type ModelJson = z.infer<typeof modelJsonSchema>;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** The model's tensors by manifest name, in the order weights.bin stores them. */
function tensorsOf(model: scsamac.ScsamacModelState): [string, scsamac.SerialisedTensor][] {
  return [
    ['geneMean', model.geneMean],
    ['geneInverseSd', model.geneInverseSd],
    ['centres', model.centres],
    ...Object.entries(model.weights).map(([name, t]): [string, scsamac.SerialisedTensor] => [
      `weights.${name}`,
      t,
    ]),
  ];
}

/** A file of a model folder: its name inside the folder and its MIME type. */
export interface ModelFolderFile {
  fileName: string;
  contentType: string;
}

/**
 * Writes `model` into `dir` (created if needed) as model.json + weights.bin. `trainingGeneNames` are the training
 * matrix's gene names (all columns); the model keeps those of its own genes. Returns the files written.
 */
export async function writeModelFolder(
  dir: string,
  model: scsamac.ScsamacModelState,
  trainingGeneNames: string[],
  provenance: { method: string; options: Record<string, unknown> },
): Promise<ModelFolderFile[]> {
  await mkdir(dir, { recursive: true });
  const tensors = tensorsOf(model);
  const values = tensors.map(([, t]) => scsamac.deserialise(t));
  const weights = Buffer.alloc(values.reduce((sum, v) => sum + v.byteLength, 0));
  let offset = 0;
  for (const v of values) {
    // Float32Array is little endian on every platform Node runs on; write explicitly so the file says so.
    for (let i = 0; i < v.length; i++) offset = weights.writeFloatLE(v[i], offset);
  }
  const { geneMean: _m, geneInverseSd: _s, centres: _c, weights: _w, ...rest } = model;
  const json: ModelJson = {
    format: FOLDER_FORMAT,
    method: provenance.method,
    options: provenance.options,
    geneNames: model.genes.map((g) => trainingGeneNames[g]),
    model: rest,
    tensors: tensors.map(([name, t]) => ({ name, shape: t.shape })),
  };
  await writeFile(path.join(dir, WEIGHTS_BIN), weights);
  await writeFile(path.join(dir, MODEL_JSON), JSON.stringify(json, null, 1) + '\n');
  return [
    { fileName: MODEL_JSON, contentType: 'application/json' },
    { fileName: WEIGHTS_BIN, contentType: 'application/octet-stream' },
  ];
}

/**
 * Reads a folder written by {@link writeModelFolder}, or the output folder of `scsamac cluster --out` that holds it
 * as `model/`; errors name the file and what is wrong with it.
 */
export async function readModelFolder(given: string): Promise<SavedModel> {
  const nested = path.join(given, MODEL_SUBFOLDER);
  const dir =
    !existsSync(path.join(given, MODEL_JSON)) && existsSync(path.join(nested, MODEL_JSON)) ? nested : given;
  const jsonPath = path.join(dir, MODEL_JSON);
  const weightsPath = path.join(dir, WEIGHTS_BIN);
  const text = await readFile(jsonPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'ENOENT'
        ? `${jsonPath}: no such file; --model takes the folder that scsamac cluster --out wrote (or its model/)`
        : `${jsonPath}: ${error.message}`,
    );
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${jsonPath}: not JSON (${(error as Error).message})`);
  }
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${jsonPath}: not a ${FOLDER_FORMAT} model: ${z.prettifyError(parsed.error)}`);
  const json = parsed.data;
  if (json.geneNames.length !== json.model.genes.length || json.model.genes.length !== json.model.shape.genes)
    throw new Error(
      `${jsonPath}: ${json.geneNames.length} gene names and ${json.model.genes.length} genes for a network of ${json.model.shape.genes} inputs`,
    );
  const bytes = await readFile(weightsPath).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${weightsPath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const needed = json.tensors.reduce((sum, t) => sum + 4 * size(t.shape), 0);
  if (bytes.length !== needed)
    throw new Error(
      `${weightsPath}: ${bytes.length} bytes, but the ${json.tensors.length} tensors of model.json need ${needed}`,
    );
  const byName = new Map<string, scsamac.SerialisedTensor>();
  let offset = 0;
  for (const t of json.tensors) {
    const values = new Float32Array(size(t.shape));
    for (let i = 0; i < values.length; i++, offset += 4) values[i] = bytes.readFloatLE(offset);
    byName.set(t.name, scsamac.serialise(values, t.shape));
  }
  const take = (name: string) => {
    const t = byName.get(name);
    if (!t) throw new Error(`${jsonPath}: the tensor manifest lacks ${name}`);
    return t;
  };
  const weights = Object.fromEntries(
    [...byName.keys()]
      .filter((name) => name.startsWith('weights.'))
      .map((name) => [name.slice('weights.'.length), take(name)]),
  );
  return {
    model: {
      ...json.model,
      geneMean: take('geneMean'),
      geneInverseSd: take('geneInverseSd'),
      centres: take('centres'),
      weights,
    },
    geneNames: json.geneNames,
    method: json.method,
    options: json.options,
  };
}

/** scanpy's `var_names_make_unique`: the second `A` becomes `A-1`, the third `A-2`, and so on. */
function makeUnique(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}-${count}`;
  });
}

/**
 * Points the model at the columns of `query` that hold its genes, by name (duplicate names matched in order, as
 * scanpy's `var_names_make_unique` would name them). Genes the query lacks become extra all-zero columns, and are
 * listed in `missing`; cells are still scaled by their total over every gene of the query, as in training.
 * Throws when the query shares no gene with the model.
 */
export function alignModel(
  saved: SavedModel,
  query: CountMatrix,
  file: string,
): { model: scsamac.ScsamacModelState; matrix: CountMatrix; missing: string[] } {
  const column = new Map(makeUnique(query.geneNames).map((name, i) => [name, i]));
  const wanted = makeUnique(saved.geneNames);
  const missing: string[] = [];
  const genes = wanted.map((name) => {
    const found = column.get(name);
    if (found !== undefined) return found;
    missing.push(name);
    return query.cols + missing.length - 1;
  });
  if (missing.length === wanted.length)
    throw new Error(
      `${file}: none of the model's ${wanted.length} genes is among the file's ${query.cols} gene names (first model genes: ${wanted.slice(0, 3).join(', ')}; first in the file: ${query.geneNames.slice(0, 3).join(', ')})`,
    );
  const matrix =
    missing.length === 0
      ? query
      : { ...query, cols: query.cols + missing.length, geneNames: [...query.geneNames, ...missing] };
  return { model: { ...saved.model, genes }, matrix, missing };
}

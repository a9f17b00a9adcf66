/**
 * Thin helpers over h5wasm: open files with HDF5's own error text turned into {@link InputError}s, check filters
 * before reading, and read datasets in blocks straight out of the wasm heap (no full-size intermediate copy).
 */
import type { Dataset, Group, File as H5File, Metadata } from 'h5wasm/node';
import { InputError } from './input-error.js';

export type { Dataset, Group, H5File };

type H5Library = (typeof import('h5wasm/node'))['default'];
type H5Module = Awaited<H5Library['ready']>;
let modulePromise: Promise<H5Module> | undefined;
/** Set once the library has loaded; every helper below runs after `hdf5Module()` resolved. */
let h5wasm: H5Library;

/**
 * Loads the HDF5 wasm module once; HDF5 errors become JS exceptions instead of text on stderr. The import is lazy
 * because the 4 MB emscripten bundle is costly to load (seconds and hundreds of MB under tsx), and CSV or MTX
 * reads, or merely importing this package, should not pay for it.
 */
export function hdf5Module(): Promise<H5Module> {
  modulePromise ??= import('h5wasm/node').then(async ({ default: library }) => {
    const module = await library.ready;
    module.activate_throwing_error_handler();
    h5wasm = library;
    return module;
  });
  return modulePromise;
}

/** The first eight bytes of every HDF5 file (the superblock may also sit at 512, 1024, … in files with a user block). */
export const HDF5_SIGNATURE = Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The most useful line of an HDF5 error stack: the innermost "in FUNC(): reason". */
export function hdf5Reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const reasons = [...text.matchAll(/in [\w]+\(\): ([^\n]+)/g)].map((match) => match[1]!.trim());
  return reasons.at(-1) ?? text.split('\n')[0]!.trim();
}

/** The error for a dataset of `file` that HDF5 failed to read, naming the dataset and HDF5's reason. */
function unreadableDataset(file: string, dataset: Dataset, error: unknown): InputError {
  return new InputError(file, 'corrupt', `dataset ${dataset.path} could not be read (${hdf5Reason(error)})`, {
    cause: error,
  });
}

/** Opens an HDF5 file for reading; a truncated or damaged file becomes an InputError naming HDF5's reason. */
export async function openHdf5(path: string): Promise<H5File> {
  await hdf5Module();
  try {
    return new h5wasm.File(path, 'r');
  } catch (error) {
    throw new InputError(path, 'corrupt', `is not a readable HDF5 file (${hdf5Reason(error)})`, {
      cause: error,
    });
  }
}

/** Opens (truncating) an HDF5 file for writing. */
export async function createHdf5(path: string): Promise<H5File> {
  await hdf5Module();
  return new h5wasm.File(path, 'w');
}

/** The object at `path` in the file if it is a dataset, else undefined. */
export function getDataset(file: H5File | Group, path: string): Dataset | undefined {
  const entity = safeGet(file, path);
  return entity instanceof h5wasm.Dataset ? entity : undefined;
}

/** The object at `path` in the file if it is a group, else undefined. */
export function getGroup(file: H5File | Group, path: string): Group | undefined {
  const entity = safeGet(file, path);
  return entity instanceof h5wasm.Group ? entity : undefined;
}

function safeGet(file: H5File | Group, path: string): ReturnType<Group['get']> {
  try {
    return file.get(path);
  } catch {
    return null;
  }
}

/** Keys of a group, or [] when it has none or cannot be listed. */
export function keysOf(group: Group | undefined): string[] {
  if (!group) return [];
  try {
    return group.keys();
  } catch {
    return [];
  }
}

/** A string attribute of an object, or undefined. */
export function stringAttribute(object: Group | Dataset, name: string): string | undefined {
  try {
    const attribute = object.attrs[name];
    if (!attribute) return undefined;
    const value = attribute.value;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
    return undefined;
  } catch {
    return undefined;
  }
}

/** A numeric (possibly 64-bit) array attribute of an object as numbers, or undefined. */
export function numberArrayAttribute(object: Group | Dataset, name: string): number[] | undefined {
  try {
    const value = object.attrs[name]?.value;
    if (value == null || typeof value === 'string') return undefined;
    if (ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<number | bigint>, Number);
    if (Array.isArray(value)) return value.map(Number);
    return [Number(value)];
  } catch {
    return undefined;
  }
}

/** HDF5 filter ids that the wasm build decodes: deflate (gzip), shuffle, fletcher32, scale-offset, n-bit. */
const READABLE_FILTERS = new Set([1, 2, 3, 5, 6]);
const FILTER_NAMES: Record<number, string> = {
  32000: 'LZF',
  32001: 'Blosc',
  307: 'bzip2',
  32015: 'Zstandard',
  4: 'szip',
};

/** Throws `unsupported-compression` when a dataset uses a filter this HDF5 build cannot decode (e.g. LZF). */
export function assertReadableFilters(file: string, dataset: Dataset): void {
  let filters: { id: number; name: string }[];
  try {
    filters = dataset.filters;
  } catch {
    return;
  }
  for (const filter of filters) {
    if (READABLE_FILTERS.has(filter.id)) continue;
    const name = FILTER_NAMES[filter.id] ?? (filter.name || `filter ${filter.id}`);
    throw new InputError(
      file,
      'unsupported-compression',
      `dataset ${dataset.path} is compressed with ${name} (HDF5 filter ${filter.id}), which this reader cannot ` +
        'decode; gzip-compressed datasets read, LZF and other plugin filters do not. Re-save the file with gzip ' +
        "compression (e.g. anndata's write_h5ad(..., compression='gzip')) or none",
    );
  }
}

/** The shape of a dataset ([] for a scalar). */
export function shapeOf(dataset: Dataset): number[] {
  return dataset.shape ?? [];
}

type NumericView =
  Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** Whether the dataset holds plain integers or floats (not strings, compounds, enums…). */
export function isNumeric(dataset: Dataset): boolean {
  const metadata = dataset.metadata;
  return metadata.type === 0 || metadata.type === 1 || (metadata.type === 8 && metadata.size <= 4);
}

/**
 * Reads elements `[offset, offset + count)` of a 1-D dataset, or rows `[offset, offset + count)` of a 2-D one, into
 * a scratch buffer on the wasm heap and hands `visit` a typed view of it; the view is only valid inside `visit`.
 * 64-bit integers arrive as float64 so indices above 2^31 survive until a caller rejects them.
 */
export async function readBlock(
  file: string,
  dataset: Dataset,
  offset: number,
  count: number,
  visit: (view: NumericView) => void,
): Promise<void> {
  const module = await hdf5Module();
  const metadata = dataset.metadata;
  const shape = shapeOf(dataset);
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  const elements = count * inner;
  const nbytes = Math.max(1, elements * metadata.size);
  const pointer = module._malloc(nbytes);
  if (!pointer) throw new InputError(file, 'too-large', `not enough memory to read ${dataset.path}`);
  try {
    const counts = [BigInt(count), ...shape.slice(1).map(BigInt)];
    const offsets = [BigInt(offset), ...shape.slice(1).map(() => 0n)];
    try {
      module.get_dataset_data(
        dataset.file_id,
        dataset.path,
        counts,
        offsets,
        counts.map(() => 1n),
        BigInt(pointer),
      );
    } catch (error) {
      throw unreadableDataset(file, dataset, error);
    }
    visit(typedView(module.HEAPU8.buffer, pointer, elements, metadata, file, dataset.path));
  } finally {
    module._free(pointer);
  }
}

function typedView(
  buffer: ArrayBufferLike,
  pointer: number,
  length: number,
  metadata: Metadata,
  file: string,
  path: string,
): NumericView {
  const size = metadata.size;
  const type = metadata.type === 8 ? 0 : metadata.type;
  if (!metadata.littleEndian && size > 1) {
    throw new InputError(file, 'unsupported-layout', `dataset ${path} is big-endian, which is not supported`);
  }
  if (type === 1) {
    if (size === 4) return new Float32Array(buffer, pointer, length);
    if (size === 8) return new Float64Array(buffer, pointer, length);
  } else if (type === 0) {
    const signed = metadata.signed;
    if (size === 1)
      return signed ? new Int8Array(buffer, pointer, length) : new Uint8Array(buffer, pointer, length);
    if (size === 2)
      return signed ? new Int16Array(buffer, pointer, length) : new Uint16Array(buffer, pointer, length);
    if (size === 4)
      return signed ? new Int32Array(buffer, pointer, length) : new Uint32Array(buffer, pointer, length);
    if (size === 8) return int64AsFloat64(buffer, pointer, length, signed);
  }
  throw new InputError(
    file,
    'unsupported-layout',
    `dataset ${path} does not hold numbers (HDF5 type class ${type})`,
  );
}

/** Converts 64-bit integers to float64 from two 32-bit halves (faster than BigInt for index arrays). */
function int64AsFloat64(
  buffer: ArrayBufferLike,
  pointer: number,
  length: number,
  signed: boolean,
): Float64Array {
  const words = new Uint32Array(buffer, pointer, length * 2);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const low = words[2 * i]!;
    const high = words[2 * i + 1]!;
    out[i] =
      signed && high >= 0x80000000 ? (high - 0x100000000) * 0x100000000 + low : high * 0x100000000 + low;
  }
  return out;
}

/** Reads a whole 1-D numeric dataset into float64 (used for small arrays: indptr, label codes, shapes). */
export async function readNumbers(file: string, dataset: Dataset): Promise<Float64Array> {
  assertReadableFilters(file, dataset);
  const length = shapeOf(dataset)[0] ?? 1;
  const out = new Float64Array(length);
  if (length === 0) return out;
  await readBlock(file, dataset, 0, length, (view) => out.set(view));
  return out;
}

/** Reads a 1-D string dataset (fixed or variable length) as strings. */
export function readStrings(file: string, dataset: Dataset): string[] {
  assertReadableFilters(file, dataset);
  let value: unknown;
  try {
    value = dataset.value;
  } catch (error) {
    throw unreadableDataset(file, dataset, error);
  }
  if (Array.isArray(value))
    return value.map((item) => (item instanceof Uint8Array ? decoder.decode(item) : String(item)));
  if (typeof value === 'string') return [value];
  if (ArrayBuffer.isView(value))
    return Array.from(value as unknown as ArrayLike<number>, (item) => String(item));
  throw new InputError(file, 'unsupported-layout', `dataset ${dataset.path} does not hold strings`);
}

const decoder = new TextDecoder();

/** How many rows (of a 2-D dataset) or elements (1-D) to read at once: whole chunks, about `budget` elements. */
export function blockLength(dataset: Dataset, budget = 1 << 22): number {
  const shape = shapeOf(dataset);
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  const chunkRows = dataset.metadata.chunks?.[0] ?? 1;
  const rows = Math.max(1, Math.floor(budget / Math.max(1, inner)));
  // Whole chunks: HDF5 decompresses a chunk per read, so splitting one across reads would decompress it repeatedly.
  return Math.max(chunkRows, Math.floor(rows / chunkRows) * chunkRows);
}

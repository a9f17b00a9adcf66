/**
 * Byte streams of text inputs, whatever wraps them: plain files, gzip (node:zlib) and zip archives holding one
 * table (fflate, decompressed in bounded slices so memory does not follow the table's size).
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { InputError } from './input-error.js';

/** How a file's bytes are wrapped, from its first bytes. */
export type Wrapping = 'plain' | 'gzip' | 'zip';

/** Tells gzip and zip from plain bytes by their magic numbers. */
export function wrappingOf(head: Uint8Array): Wrapping {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 0x03 || head[2] === 0x05) &&
    (head[3] === 0x04 || head[3] === 0x06)
  ) {
    return 'zip';
  }
  return 'plain';
}

/** An entry of a zip archive. */
export interface ZipEntry {
  name: string;
  size: number;
}

/** Names of files inside a zip that are not folders or macOS metadata. */
export async function listZipFiles(path: string): Promise<ZipEntry[]> {
  const bytes = await readFile(path);
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        const base = file.name.split('/').at(-1) ?? '';
        if (!file.name.endsWith('/') && !file.name.startsWith('__MACOSX/') && !base.startsWith('.')) {
          entries.push({ name: file.name, size: file.originalSize });
        }
        return false;
      },
    });
  } catch (error) {
    throw new InputError(path, 'corrupt', `is not a readable zip archive (${(error as Error).message})`, {
      cause: error,
    });
  }
  return entries;
}

/** Picks the one table inside a zip; zero or several tables is an error that lists them. */
export async function zipTableMember(path: string): Promise<string> {
  const entries = await listZipFiles(path);
  const tables = entries.filter((entry) => /\.(csv|tsv|txt|tab)(\.gz)?$/i.test(entry.name));
  const candidates = tables.length > 0 ? tables : entries;
  if (candidates.length === 0) throw new InputError(path, 'empty', 'is a zip archive with no files in it');
  if (candidates.length > 1) {
    const names = candidates.map((entry) => entry.name);
    throw new InputError(
      path,
      'several-tables',
      `is a zip archive holding ${candidates.length} tables (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); ` +
        'expected exactly one, so unpack it and pass the table you mean',
    );
  }
  return candidates[0]!.name;
}

/** Yields the bytes of a plain, gzip or zip-wrapped file in chunks; errors name the file. */
export async function* byteChunks(
  path: string,
  wrapping: Wrapping,
  zipMember?: string,
): AsyncGenerator<Uint8Array> {
  if (wrapping === 'zip') {
    yield* zipChunks(path, zipMember ?? (await zipTableMember(path)));
    return;
  }
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = wrapping === 'gzip' ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
  if (wrapping === 'gzip') file.on('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    const reason = (error as Error).message;
    throw new InputError(
      path,
      'corrupt',
      wrapping === 'gzip' ? `is not a complete gzip stream (${reason})` : reason,
      {
        cause: error,
      },
    );
  }
}

async function* zipChunks(path: string, member: string): AsyncGenerator<Uint8Array> {
  const bytes = await readFile(path);
  let pending: Uint8Array[] = [];
  let finished = false;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (file.name !== member) return;
    file.ondata = (error, chunk, final) => {
      if (error) failure = error;
      else pending.push(chunk);
      if (final) finished = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const slice = 1 << 20;
  for (let offset = 0; offset < bytes.length; offset += slice) {
    try {
      unzip.push(bytes.subarray(offset, offset + slice), offset + slice >= bytes.length);
    } catch (error) {
      failure = error as Error;
    }
    if (failure)
      throw new InputError(path, 'corrupt', `zip member ${member} is damaged (${failure.message})`);
    for (const chunk of pending) yield chunk;
    pending = [];
    if (finished) return;
  }
  if (!finished) throw new InputError(path, 'corrupt', `zip member ${member} is truncated`);
}

/** The first `length` bytes after unwrapping (for content detection); fewer when the content is shorter. */
export async function peekUnwrapped(path: string, wrapping: Wrapping, length = 1 << 16): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of byteChunks(path, wrapping)) {
      parts.push(chunk);
      total += chunk.length;
      if (total >= length) break;
    }
  } catch (error) {
    if (error instanceof InputError && error.code !== 'corrupt') throw error;
    if (total === 0) throw error;
  }
  return Buffer.concat(parts).subarray(0, length);
}

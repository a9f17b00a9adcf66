import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { peekUnwrapped, wrappingOf } from './byte-source.js';
import { HDF5_SIGNATURE, openHdf5 } from './hdf5.js';
import { InputError } from './input-error.js';
import type { FileProbe } from './readers/reader.js';

/** Size on disk and the files behind a path (itself, or a folder's regular files in name order). */
export async function filesOf(
  path: string,
): Promise<{ isDirectory: boolean; files: string[]; bytes: number; entries: string[] }> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(path, 'not-found', 'does not exist');
  }
  if (info.isDirectory()) {
    const entries = (await readdir(path)).sort();
    const files: string[] = [];
    let bytes = 0;
    for (const entry of entries) {
      const entryInfo = await stat(join(path, entry));
      if (!entryInfo.isFile()) continue;
      files.push(join(path, entry));
      bytes += entryInfo.size;
    }
    return { isDirectory: true, files, bytes, entries };
  }
  const entries = (await readdir(dirname(path))).sort();
  return { isDirectory: false, files: [path], bytes: info.size, entries };
}

/** Hex SHA-256 of a file, or of each file's name and bytes for several. */
export async function sha256Of(files: string[], folder: boolean): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    if (folder) hash.update(`${file.split('/').at(-1)}\0`);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
      hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

function hasSignatureAt(bytes: Uint8Array, offset: number): boolean {
  return HDF5_SIGNATURE.every((byte, i) => bytes[offset + i] === byte);
}

/** Looks at a path's content: folder or file, wrapping, first bytes, and the opened HDF5 file when it is one. */
export async function probeFile(path: string): Promise<FileProbe> {
  const absolute = resolve(path);
  const { isDirectory, entries } = await filesOf(absolute);
  if (isDirectory)
    return { path: absolute, isDirectory, entries, wrapping: 'plain', head: new Uint8Array(0) };
  const handle = await open(absolute, 'r');
  const raw = new Uint8Array(4096);
  let length: number;
  try {
    ({ bytesRead: length } = await handle.read(raw, 0, raw.length, 0));
  } finally {
    await handle.close();
  }
  const head = raw.subarray(0, length);
  // The HDF5 superblock sits at 0 or, after a user block, at 512, 1024, 2048.
  if ([0, 512, 1024, 2048].some((offset) => hasSignatureAt(head, offset))) {
    return {
      path: absolute,
      isDirectory,
      entries,
      wrapping: 'plain',
      head: new Uint8Array(0),
      hdf5: await openHdf5(absolute),
    };
  }
  const wrapping = wrappingOf(head);
  const unwrapped =
    wrapping === 'plain'
      ? head
      : wrapping === 'gzip'
        ? await peekUnwrapped(absolute, wrapping)
        : new Uint8Array(0);
  return { path: absolute, isDirectory, entries, wrapping, head: unwrapped };
}

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidKey,
  FileNotFoundError,
  FileTooLargeError,
  type FileStorage,
  type PutOptions,
  type StoredFile,
} from './file-storage.js';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** {@link FileStorage} in a local folder (`.data/files` by default). Writes go to a temporary file, then rename. */
export class LocalFileStorage implements FileStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(
    key: string,
    body: AsyncIterable<Uint8Array> | Uint8Array,
    options: PutOptions = {},
  ): Promise<StoredFile> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.partial`;
    const hash = createHash('sha256');
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    let sizeBytes = 0;
    const source = body instanceof Uint8Array ? [body] : body;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of source) {
        sizeBytes += chunk.length;
        if (sizeBytes > maxBytes) throw new FileTooLargeError(maxBytes);
        hash.update(chunk);
        yield chunk;
      }
    }
    try {
      await pipeline(counted, createWriteStream(temporary));
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { key, sizeBytes, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    // Open eagerly so a missing file rejects here rather than erroring mid-response.
    const stream = createReadStream(file);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) => reject(isMissing(error) ? new FileNotFoundError(key) : error));
    });
    return stream;
  }

  async read(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      throw isMissing(error) ? new FileNotFoundError(key) : error;
    }
  }

  async stat(key: string): Promise<{ sizeBytes: number } | null> {
    try {
      return { sizeBytes: (await stat(this.pathOf(key))).size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await rm(file, { force: true });
    // Folders the deletion left empty go too (up to the root), so a removed attempt, run or upload leaves no trace.
    // rmdir refuses a folder that still holds anything; that, or a folder already gone, ends the walk.
    for (let dir = path.dirname(file); dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
  }
}

/** Opens the file storage of an installation: the local folder `<dataDir>/files` (`.data/files` by default). */
export function openFileStorage(options: { dataDir?: string } = {}): FileStorage {
  return new LocalFileStorage(path.join(options.dataDir ?? '.data', 'files'));
}

import type { Readable } from 'node:stream';

/** What storing a file produced: its key, size and content hash. */
export interface StoredFile {
  key: string;
  sizeBytes: number;
  /** Hex sha256 of the bytes as stored. */
  sha256: string;
}

/** Options of {@link FileStorage.put}. */
export interface PutOptions {
  /** Largest accepted size in bytes; a bigger body is rejected with {@link FileTooLargeError} and nothing is kept. */
  maxBytes?: number;
}

/**
 * Where uploaded matrices and run artifacts live. Keys are relative, `/`-separated names (`uploads/<id>`,
 * `runs/<runId>/labels.csv`). The local implementation keeps them under `.data/files`; an S3-compatible store can
 * implement the same five calls (put = multipart upload hashing on the way, get = GetObject stream).
 */
export interface FileStorage {
  /** Streams `body` into `key` (replacing any file there), hashing it on the way. Atomic: readers never see half. */
  put(key: string, body: AsyncIterable<Uint8Array> | Uint8Array, options?: PutOptions): Promise<StoredFile>;
  /** A stream of the file's bytes; rejects with {@link FileNotFoundError} when there is none. */
  get(key: string): Promise<Readable>;
  /** The whole file in memory; rejects with {@link FileNotFoundError} when there is none. */
  read(key: string): Promise<Uint8Array>;
  /** The file's size, or null when there is none. */
  stat(key: string): Promise<{ sizeBytes: number } | null>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
}

/** Thrown by {@link FileStorage.put} when the body exceeds `maxBytes`. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file is larger than the limit of ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** Thrown when a key names no stored file. */
export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored file ${key}`);
    this.name = 'FileNotFoundError';
  }
}

/** Rejects keys that could escape the storage root or are not portable object names. */
export function assertValidKey(key: string): void {
  if (
    !/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(key) ||
    key.split('/').some((part) => /^\.+$/.test(part))
  ) {
    throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  }
}

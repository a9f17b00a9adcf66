import { uploads } from '@scsamac/db';
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { authenticate } from '../auth/authenticate.js';
import type { ApiServices } from '../context.js';
import { isUuid } from '../ids.js';
import { createLoaders } from '../loaders.js';
import { validateMatrix } from './matrix-summary.js';
import { sendError, sendJson } from './respond.js';

/** Options of the upload route. */
export interface UploadOptions {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Folder for the local copy validated before storing (defaults to the OS temporary folder). */
  scratchDir?: string;
}

class UploadProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Keeps a file name safe to show and to use as a suffix: no folders, no control characters, at most 200 chars. */
function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename((name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f"]/g, '');
  return (base || 'upload').slice(0, 200);
}

/** Streams the one file of a multipart body to `target`, hashing it; rejects on no file or an oversized one. */
function receiveFile(
  request: IncomingMessage,
  target: (fileName: string) => string,
  maxBytes: number,
): Promise<{ fileName: string; localPath: string; sizeBytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: maxBytes, fields: 20 } });
    } catch (error) {
      reject(new UploadProblem(400, `not a multipart/form-data body (${(error as Error).message})`));
      return;
    }
    let received:
      Promise<{ fileName: string; localPath: string; sizeBytes: number; sha256: string }> | undefined;
    parser.on('file', (_field: string, stream: Readable, info: busboy.FileInfo) => {
      const fileName = cleanFileName(info.filename);
      const localPath = target(fileName);
      const hash = createHash('sha256');
      let sizeBytes = 0;
      let truncated = false;
      stream.on('limit', () => {
        truncated = true;
      });
      stream.on('data', (chunk: Buffer) => {
        sizeBytes += chunk.length;
        hash.update(chunk);
      });
      received = pipeline(stream, createWriteStream(localPath)).then(() => {
        if (truncated) throw new UploadProblem(413, `the file is larger than the limit of ${maxBytes} bytes`);
        return { fileName, localPath, sizeBytes, sha256: hash.digest('hex') };
      });
      // Avoid an unhandled rejection before 'close' picks it up.
      received.catch(() => undefined);
    });
    parser.on('error', (error: Error) =>
      reject(new UploadProblem(400, `cannot read the upload: ${error.message}`)),
    );
    parser.on('close', () => {
      if (!received) reject(new UploadProblem(400, 'the form has no file field'));
      else received.then(resolve, reject);
    });
    request.pipe(parser);
  });
}

/**
 * `POST /uploads?projectId=<id>`: receives one file (multipart field of any name), streams it to a scratch file with
 * a size limit and sha256, validates it as a count matrix with `@scsamac/io`, stores it and records an upload.
 * A file that fails validation is not kept and the reader's message is returned as is.
 */
export async function handleUpload(
  services: ApiServices,
  request: IncomingMessage,
  response: ServerResponse,
  options: UploadOptions,
): Promise<void> {
  const refuse = (status: number, code: Parameters<typeof sendError>[1], message: string): void => {
    // Drain what the client is still sending, so it reads our answer instead of a reset connection.
    request.resume();
    response.setHeader('connection', 'close');
    sendError(response, code, message, status);
  };
  const viewer = await authenticate(services, request);
  if (!viewer) return refuse(401, 'UNAUTHENTICATED', 'sign in first');
  const projectId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('projectId') ?? '';
  const role = isUuid(projectId) ? await createLoaders(services.db, viewer.id).role.load(projectId) : null;
  if (!role) return refuse(404, 'NOT_FOUND', 'project not found');
  if (role === 'VIEWER') return refuse(403, 'FORBIDDEN', 'viewers cannot change a project');
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > options.maxBytes + 64 * 1024) {
    return refuse(413, 'BAD_USER_INPUT', `the file is larger than the limit of ${options.maxBytes} bytes`);
  }

  const id = randomUUID();
  const scratch = path.join(options.scratchDir ?? path.join(tmpdir(), 'scsamac-uploads'), id);
  await mkdir(scratch, { recursive: true });
  try {
    const file = await receiveFile(request, (name) => path.join(scratch, name), options.maxBytes);
    let summary;
    try {
      summary = await validateMatrix(file.localPath, options.maxBytes);
    } catch (error) {
      // Readers name the file by its path; users know it by the name they uploaded.
      const message = String((error as Error).message ?? error)
        .split(file.localPath)
        .join(file.fileName);
      throw new UploadProblem(400, message);
    }
    const stored = await services.storage.put(`uploads/${id}`, createReadStream(file.localPath));
    const [upload] = await services.db
      .insert(uploads)
      .values({
        id,
        projectId,
        uploadedBy: viewer.id,
        fileName: file.fileName,
        storageKey: stored.key,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        ...summary,
      })
      .returning();
    sendJson(response, 201, {
      upload: {
        id: upload!.id,
        fileName: upload!.fileName,
        sizeBytes: upload!.sizeBytes,
        sha256: upload!.sha256,
        format: upload!.format,
        cells: upload!.cells,
        genes: upload!.genes,
        nonZeros: upload!.nonZeros,
        labelColumns: upload!.labelColumns,
      },
    });
  } catch (error) {
    if (error instanceof UploadProblem) return refuse(error.status, 'BAD_USER_INPUT', error.message);
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

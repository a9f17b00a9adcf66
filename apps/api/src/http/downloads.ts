import { artifacts, datasets, runs, type Database } from '@scsamac/db';
import { eq } from 'drizzle-orm';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { authenticate } from '../auth/authenticate.js';
import type { ApiServices } from '../context.js';
import { isUuid } from '../ids.js';
import { createLoaders } from '../loaders.js';
import { sendError } from './respond.js';

interface Downloadable {
  projectId: string;
  storageKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

async function findArtifact(db: Database, id: string): Promise<Downloadable | undefined> {
  const [row] = await db
    .select({
      projectId: runs.projectId,
      storageKey: artifacts.storageKey,
      fileName: artifacts.fileName,
      contentType: artifacts.contentType,
      sizeBytes: artifacts.sizeBytes,
      sha256: artifacts.sha256,
    })
    .from(artifacts)
    .innerJoin(runs, eq(runs.id, artifacts.runId))
    .where(eq(artifacts.id, id));
  return row;
}

async function findDatasetFile(db: Database, id: string): Promise<Downloadable | undefined> {
  const [row] = await db
    .select({
      projectId: datasets.projectId,
      storageKey: datasets.storageKey,
      fileName: datasets.fileName,
      sizeBytes: datasets.sizeBytes,
      sha256: datasets.sha256,
    })
    .from(datasets)
    .where(eq(datasets.id, id));
  return row ? { ...row, contentType: 'application/octet-stream' } : undefined;
}

/**
 * Streams a stored file to a member of its project: `GET /artifacts/:id` (a run artifact) or
 * `GET /datasets/:id/file`. Anyone else gets 404, exactly as for an id that does not exist.
 */
export async function handleDownload(
  services: ApiServices,
  request: IncomingMessage,
  response: ServerResponse,
  kind: 'artifact' | 'dataset',
  id: string,
): Promise<void> {
  const viewer = await authenticate(services, request);
  if (!viewer) return sendError(response, 'UNAUTHENTICATED', 'sign in first');
  const what = kind === 'artifact' ? 'artifact' : 'dataset';
  const file = isUuid(id)
    ? await (kind === 'artifact' ? findArtifact(services.db, id) : findDatasetFile(services.db, id))
    : undefined;
  const role = file ? await createLoaders(services.db, viewer.id).role.load(file.projectId) : null;
  if (!file || !role) return sendError(response, 'NOT_FOUND', `${what} not found`);
  const stream = await services.storage.get(file.storageKey).catch(() => null);
  if (!stream) return sendError(response, 'NOT_FOUND', `${what} file is missing from storage`);
  response.writeHead(200, {
    'content-type': file.contentType,
    'content-length': file.sizeBytes,
    // The name without its folder (a model's files are stored as model/model.json and model/weights.bin).
    'content-disposition': `attachment; filename="${file.fileName
      .split('/')
      .at(-1)!
      .replace(/[^\w.-]/g, '_')}"`,
    etag: `"${file.sha256}"`,
    'x-content-sha256': file.sha256,
    'cache-control': 'private, no-store',
  });
  await pipeline(stream, response);
}

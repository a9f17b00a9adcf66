import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { migrate, openFileStorage, type Connection, type FileStorage } from '@scsamac/db';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { authenticate } from './auth/authenticate.js';
import { CredentialCache, defaultCredentialCacheMs } from './auth/credential-cache.js';
import { FailureRateLimiter } from './auth/rate-limit.js';
import type { ApiContext, ApiServices } from './context.js';
import { handleDownload } from './http/downloads.js';
import { sendError, sendJson } from './http/respond.js';
import { handleUpload } from './http/uploads.js';
import { handleGraphQL } from './http-graphql.js';
import { defaultLimits, queryLimitsPlugin, type QueryLimits } from './limits/query-limits.js';
import { createLoaders } from './loaders.js';
import { buildSchema } from './schema/index.js';

/** A running API: its HTTP server, its URLs, and how to stop it. */
export interface RunningApi {
  server: Server;
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** The server's root, e.g. `http://127.0.0.1:4000` (uploads at `/uploads`, downloads at `/artifacts/:id`). */
  origin: string;
  stop(): Promise<void>;
}

/** Options of {@link startApi}. */
export interface ApiOptions {
  /** Where uploads and artifacts live; defaults to `<SCSAMAC_DATA_DIR or .data>/files`. */
  storage?: FileStorage;
  /** Largest upload in bytes (default 512 MiB, or `SCSAMAC_MAX_UPLOAD_BYTES`). */
  maxUploadBytes?: number;
  /** Depth and cost limits of GraphQL operations. */
  limits?: QueryLimits;
  /** Failed sign-ins allowed per email and per client address in 15 minutes (default 10). */
  signInAttempts?: number;
  /**
   * How long a looked-up session or API token is trusted without asking the database again, in milliseconds
   * (default 5,000; 0 looks it up on every request). Sign-out and revocation through the API apply at once.
   */
  credentialCacheMs?: number;
}

function isSecure(request: IncomingMessage): boolean {
  return Boolean((request.socket as TLSSocket).encrypted) || request.headers['x-forwarded-proto'] === 'https';
}

/** Hides internal errors (SQL, stack traces) from clients; coded errors pass through as they are. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError && !original.originalError) return formatted;
  console.error('api: internal error', original);
  return { ...formatted, message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * Starts the API on `port` (0 picks a free one) over an open database connection: applies pending migrations, then
 * serves GraphQL at `/graphql`, uploads at `POST /uploads`, downloads at `GET /artifacts/:id` and
 * `GET /datasets/:id/file`.
 */
export async function startApi(
  connection: Connection,
  port: number,
  host = '127.0.0.1',
  options: ApiOptions = {},
): Promise<RunningApi> {
  await migrate(connection);
  const services: ApiServices = {
    connection,
    db: connection.db,
    storage: options.storage ?? openFileStorage({ dataDir: process.env.SCSAMAC_DATA_DIR ?? '.data' }),
    signInLimiter: new FailureRateLimiter(options.signInAttempts ?? 10, 15 * 60 * 1000),
    credentials: new CredentialCache(options.credentialCacheMs ?? defaultCredentialCacheMs),
  };
  const maxUploadBytes =
    options.maxUploadBytes ?? Number(process.env.SCSAMAC_MAX_UPLOAD_BYTES ?? 512 * 1024 ** 2);
  // The remote landing page loads from the internet; the web app bundles its own explorer instead. Cache control
  // is off: answers depend on who asks (no shared HTTP caching), and its per-field hook made Apollo wrap every
  // resolver, a sixth of Apollo's time on a leaderboard.
  const apollo = new ApolloServer<ApiContext>({
    schema: buildSchema(),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(options.limits ?? defaultLimits),
    ],
    includeStacktraceInErrorResponses: false,
    formatError,
  });
  await apollo.start();

  const contextFor = async (request: IncomingMessage, response: ServerResponse): Promise<ApiContext> => {
    const viewer = await authenticate(services, request);
    return {
      ...services,
      viewer,
      loaders: createLoaders(services.db, viewer?.id ?? null),
      request,
      response,
      secure: isSecure(request),
      clientAddress: request.socket.remoteAddress ?? 'unknown',
    };
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    if (path === '/graphql') {
      return handleGraphQL(apollo, request, response, () => contextFor(request, response));
    }
    if (path === '/uploads' && method === 'POST') {
      return handleUpload(services, request, response, { maxBytes: maxUploadBytes });
    }
    const artifact = /^\/artifacts\/([^/]+)$/.exec(path);
    if (artifact && method === 'GET')
      return handleDownload(services, request, response, 'artifact', artifact[1]!);
    const datasetFile = /^\/datasets\/([^/]+)\/file$/.exec(path);
    if (datasetFile && method === 'GET') {
      return handleDownload(services, request, response, 'dataset', datasetFile[1]!);
    }
    if (path === '/health') return sendJson(response, 200, { ok: true });
    sendError(response, 'NOT_FOUND', 'no such route');
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      console.error('api: request failed', error);
      if (response.headersSent) response.destroy();
      else sendJson(response, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal error' } });
    });
  });
  // Node closes idle keep-alive sockets after 5 s; a client that reuses one at that moment (undici's own idle
  // timer is 4 s, and timers run late on a busy machine) gets a reset. A minute leaves no such race in practice.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    server,
    url: `${origin}/graphql`,
    origin,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

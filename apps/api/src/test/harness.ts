// Test harness: one API per engine per test file, over in-memory PGlite or a fresh database of the PostgreSQL
// server, with its file storage in a temporary folder; plus a tiny fetch-based GraphQL client.
import {
  createScratchDatabase,
  LocalFileStorage,
  openDatabase,
  type Connection,
  type FileStorage,
} from '@scsamac/db';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startApi, type ApiOptions, type RunningApi } from '../server.js';

/** The engines every database test runs against. */
export const engines = ['pglite', 'postgres'] as const;

/** An engine name. */
export type Engine = (typeof engines)[number];

/** A started API with its database and storage, and how to tear it all down. */
export interface TestApi {
  engine: Engine;
  api: RunningApi;
  connection: Connection;
  storage: FileStorage;
  /** SQL statements sent since the last reset (for N+1 checks). */
  queries: string[];
  close(): Promise<void>;
}

/** Starts an API on `engine` with throwaway storage. */
export async function startTestApi(engine: Engine, options: ApiOptions = {}): Promise<TestApi> {
  const queries: string[] = [];
  const onQuery = (query: string): void => {
    queries.push(query);
  };
  const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
  const connection = await openDatabase(
    scratch ? { url: scratch.url, onQuery } : { url: '', dataDir: 'memory://', onQuery },
  );
  const folder = await mkdtemp(path.join(tmpdir(), 'scsamac-api-test-'));
  const storage = new LocalFileStorage(folder);
  const api = await startApi(connection, 0, '127.0.0.1', { storage, ...options });
  return {
    engine,
    api,
    connection,
    storage,
    queries,
    close: async () => {
      await api.stop();
      await connection.close();
      await scratch?.drop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A GraphQL answer. */
export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** How a test client authenticates: a session cookie, an API token, or nothing. */
export interface Credentials {
  cookie?: string;
  token?: string;
}

function authHeaders(credentials: Credentials = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
  return headers;
}

/** Posts one GraphQL operation. */
export async function gql<T = Record<string, unknown>>(
  api: RunningApi,
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<GraphQLResult<T> & { response: Response }> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(credentials) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResult<T>;
  return { ...body, response };
}

/** Like {@link gql}, but fails the test on any error and returns the data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely; the schema types them
export async function gqlData<T = Record<string, any>>(
  api: RunningApi,
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<T> {
  const result = await gql<T>(api, query, variables, credentials);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The first error code of an answer. */
export function codeOf(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** A signed-up user: id, email and the session cookie to send. */
export interface TestUser {
  id: string;
  email: string;
  cookie: string;
}

let counter = 0;

/** Signs up a fresh user and returns its session cookie. */
export async function signUp(api: RunningApi, name = 'user'): Promise<TestUser> {
  counter += 1;
  const email = `${name}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const result = await gql<{ signUp: { viewer: { id: string } } }>(
    api,
    'mutation($input: SignUpInput!) { signUp(input: $input) { viewer { id } } }',
    { input: { email, password: 'correct horse battery', displayName: name } },
  );
  const setCookie = result.response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  if (!result.data || !cookie) throw new Error(`sign-up failed: ${JSON.stringify(result.errors)}`);
  return { id: result.data.signUp.viewer.id, email, cookie };
}

/** Creates a project owned by `user`; returns its id. */
export async function createProject(api: RunningApi, user: TestUser, name = 'Project'): Promise<string> {
  const data = await gqlData<{ createProject: { id: string } }>(
    api,
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    { input: { name } },
    user,
  );
  return data.createProject.id;
}

/** Path of a file in `../shared` (read-only real data). */
export function sharedFile(relative: string): string {
  return path.resolve(new URL('.', import.meta.url).pathname, '../../../../../shared', relative);
}

/** Uploads a file to a project as `user`; returns the HTTP status and JSON body. */
export async function upload(
  api: RunningApi,
  credentials: Credentials,
  projectId: string,
  fileName: string,
  bytes: Uint8Array,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the REST answer's shape is what the test checks
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), fileName);
  const response = await fetch(`${api.origin}/uploads?projectId=${encodeURIComponent(projectId)}`, {
    method: 'POST',
    headers: authHeaders(credentials),
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

/** Sends a GET with credentials. */
export function get(api: RunningApi, route: string, credentials: Credentials = {}): Promise<Response> {
  return fetch(`${api.origin}${route}`, { headers: authHeaders(credentials) });
}

/** A started test API with a signed-up owner and the owner's project: where most suites start. */
export interface OwnedProject extends TestApi {
  owner: TestUser;
  projectId: string;
}

/**
 * Registers the suite's setup and teardown: before its tests, starts an API on `engine`, signs up an owner (named
 * `ownerName`) and creates their project; after them, closes everything. Returns the object the setup fills in, so
 * read it inside hooks and tests only (a later `beforeAll` of the suite runs after this one).
 */
export function ownedProject(engine: Engine, options: ApiOptions = {}, ownerName = 'owner'): OwnedProject {
  const suite = {} as OwnedProject;
  beforeAll(async () => {
    Object.assign(suite, await startTestApi(engine, options));
    suite.owner = await signUp(suite.api, ownerName);
    suite.projectId = await createProject(suite.api, suite.owner);
  });
  afterAll(() => suite.close?.());
  return suite;
}

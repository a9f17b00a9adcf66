import type { Connection, Database, FileStorage } from '@scsamac/db';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Viewer } from './auth/authenticate.js';
import type { CredentialCache } from './auth/credential-cache.js';
import type { FailureRateLimiter } from './auth/rate-limit.js';
import type { Loaders } from './loaders.js';

/** What lives as long as the API: shared by every request. */
export interface ApiServices {
  connection: Connection;
  db: Database;
  storage: FileStorage;
  /** Failed sign-ins per email and per client address. */
  signInLimiter: FailureRateLimiter;
  /** Sessions and API tokens looked up recently (see `auth/credential-cache.ts`). */
  credentials: CredentialCache;
}

/** Per-request context handed to every resolver. */
export interface ApiContext extends ApiServices {
  /** The signed-in user, or null. */
  viewer: Viewer | null;
  loaders: Loaders;
  request: IncomingMessage;
  /** The HTTP response, for Set-Cookie (sign-in and sign-out); Apollo writes the body. */
  response: ServerResponse;
  /** Whether the client reached the API over HTTPS (the session cookie is then marked Secure). */
  secure: boolean;
  /** The client's address, for rate limiting. */
  clientAddress: string;
}

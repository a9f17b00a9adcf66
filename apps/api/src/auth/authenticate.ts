import { apiTokens, sessions, users, type Database } from '@scsamac/db';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { IncomingMessage } from 'node:http';
import type { CredentialCache } from './credential-cache.js';
import { readCookie, sessionCookieName, sessionLifetimeMs } from './cookies.js';
import { hashSecret, newSecret } from './tokens.js';

/** The signed-in user of a request. */
export interface Viewer {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
  /** How the request authenticated; sign-out only applies to sessions. */
  via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string };
}

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  createdAt: users.createdAt,
};

/** What {@link authenticate} needs: the database and this process's memory of recently seen credentials. */
export interface AuthServices {
  db: Database;
  credentials: CredentialCache;
}

/** Cache key of a session (by the sha256 the database stores as its id). */
function sessionKey(sessionId: string): string {
  return `session:${sessionId}`;
}

/** Cache key of an API token (by its stored sha256). */
export function tokenKey(tokenHash: string): string {
  return `token:${tokenHash}`;
}

async function loadToken(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ ...userColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  // Record use at most once a minute, so busy scripts do not turn every read into a write. A cached token is
  // looked up again every few seconds, so this still runs about once a minute while the token is in use.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, row.tokenId),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      );
  }
  const { tokenId, lastUsedAt: _lastUsedAt, ...user } = row;
  return { viewer: { ...user, via: { kind: 'token', tokenId } } satisfies Viewer, expiresAt: null };
}

async function loadSession(db: Database, sessionId: string) {
  const [row] = await db
    .select({ ...userColumns, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (!row) return null;
  const { expiresAt, ...user } = row;
  return { viewer: { ...user, via: { kind: 'session', sessionId } } satisfies Viewer, expiresAt };
}

/**
 * Finds the user of a request: `Authorization: Bearer <token>` (an API token) wins over the session cookie.
 * Returns null for no credentials or invalid, expired or revoked ones: the resolvers decide whether that is an
 * error. A valid credential is remembered for a few seconds ({@link CredentialCache}); sign-out and revocation
 * forget it at once.
 */
export async function authenticate(
  services: AuthServices,
  request: Pick<IncomingMessage, 'headers'>,
): Promise<Viewer | null> {
  const { db, credentials } = services;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const tokenHash = hashSecret(authorization.slice('Bearer '.length).trim());
    return credentials.lookup(tokenKey(tokenHash), () => loadToken(db, tokenHash));
  }
  const cookie = readCookie(request, sessionCookieName);
  if (!cookie) return null;
  const sessionId = hashSecret(cookie);
  return credentials.lookup(sessionKey(sessionId), () => loadSession(db, sessionId));
}

/** Starts a session for a user; returns the cookie value (only its hash is stored). */
export async function createSession(db: Database, userId: string): Promise<string> {
  const secret = newSecret('ses');
  await db.insert(sessions).values({
    id: hashSecret(secret),
    userId,
    expiresAt: new Date(Date.now() + sessionLifetimeMs),
  });
  return secret;
}

/** Ends a session: deletes it, then makes this process forget it, so the cookie stops working at once. */
export async function deleteSession(services: AuthServices, sessionId: string): Promise<void> {
  await services.db.delete(sessions).where(eq(sessions.id, sessionId));
  services.credentials.forget(sessionKey(sessionId));
}

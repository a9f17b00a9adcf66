import { apiTokens, sessions, users, type Database } from '@scsamac/db';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { IncomingMessage } from 'node:http';
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

/**
 * Finds the user of a request: `Authorization: Bearer <token>` (an API token) wins over the session cookie.
 * Returns null for no credentials or invalid, expired or revoked ones: the resolvers decide whether that is an
 * error.
 */
export async function authenticate(
  db: Database,
  request: Pick<IncomingMessage, 'headers'>,
): Promise<Viewer | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const tokenHash = hashSecret(authorization.slice('Bearer '.length).trim());
    const [row] = await db
      .select({ ...userColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
      .limit(1);
    if (!row) return null;
    // Record use at most once a minute, so busy scripts do not turn every read into a write.
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
    return { ...user, via: { kind: 'token', tokenId } };
  }
  const cookie = readCookie(request, sessionCookieName);
  if (!cookie) return null;
  const sessionId = hashSecret(cookie);
  const [row] = await db
    .select(userColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return row ? { ...row, via: { kind: 'session', sessionId } } : null;
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

/** Ends a session. */
export async function deleteSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

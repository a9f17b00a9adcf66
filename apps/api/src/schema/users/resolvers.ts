import { apiTokens, users } from '@scsamac/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { createSession, tokenKey, type Viewer } from '../../auth/authenticate.js';
import { sessionCookie } from '../../auth/cookies.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { hashSecret, newSecret } from '../../auth/tokens.js';
import { requireViewer } from '../../access.js';
import type { ApiContext } from '../../context.js';
import { apiError, badInput, notFound } from '../../errors.js';
import { isUuid } from '../../ids.js';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'is not an email address');
const signUpInput = z.object({
  email,
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  displayName: z.string().trim().min(1, 'must not be empty').max(100),
});

/** Parses input with a zod schema, turning the first problem into a BAD_USER_INPUT error naming the field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw badInput(`${field ?? 'input'} ${issue?.message ?? 'is invalid'}`, field);
}

// scrypt of a fixed string, so an unknown email costs as much time as a wrong password (no account probing by timing).
const dummyHash = hashPassword('not a real password');

async function startSession(context: ApiContext, user: Omit<Viewer, 'via'>): Promise<{ viewer: Viewer }> {
  const secret = await createSession(context.db, user.id);
  context.response.appendHeader('set-cookie', sessionCookie(secret, context.secure));
  return { viewer: { ...user, via: { kind: 'session', sessionId: hashSecret(secret) } } };
}

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  createdAt: users.createdAt,
};

/** Sign-up, sign-in, the viewer and API tokens. */
export const usersResolvers = {
  Query: {
    viewer: (_parent: unknown, _args: unknown, context: ApiContext) => context.viewer,
  },
  Viewer: {
    apiTokens: (viewer: Viewer, _args: unknown, context: ApiContext) =>
      context.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.userId, viewer.id))
        .orderBy(desc(apiTokens.createdAt)),
  },
  Mutation: {
    signUp: async (_parent: unknown, args: { input: unknown }, context: ApiContext) => {
      const input = parseInput(signUpInput, args.input);
      const passwordHash = await hashPassword(input.password);
      const [user] = await context.db
        .insert(users)
        .values({ email: input.email, displayName: input.displayName, passwordHash })
        .onConflictDoNothing({ target: users.email })
        .returning(userColumns);
      if (!user) throw badInput('an account with this email already exists', 'email');
      return startSession(context, user);
    },
    signIn: async (
      _parent: unknown,
      args: { input: { email: string; password: string } },
      context: ApiContext,
    ) => {
      const address = email.safeParse(args.input.email);
      const normalised = address.success ? address.data : args.input.email.trim().toLowerCase();
      const keys = [`email:${normalised}`, `address:${context.clientAddress}`];
      const wait = Math.max(...keys.map((key) => context.signInLimiter.retryAfterSeconds(key)));
      if (wait > 0) {
        throw apiError('RATE_LIMITED', `too many failed sign-ins; try again in ${wait} s`, {
          retryAfterSeconds: wait,
        });
      }
      const [row] = await context.db
        .select({ ...userColumns, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.email, normalised))
        .limit(1);
      const valid = await verifyPassword(args.input.password, row?.passwordHash ?? (await dummyHash));
      if (!row || !valid) {
        for (const key of keys) context.signInLimiter.fail(key);
        throw apiError('UNAUTHENTICATED', 'wrong email or password');
      }
      context.signInLimiter.reset(keys[0]!);
      const { passwordHash: _hash, ...user } = row;
      return startSession(context, user);
    },
    createApiToken: async (_parent: unknown, args: { name: string }, context: ApiContext) => {
      const viewer = requireViewer(context);
      const name = args.name.trim();
      if (!name || name.length > 100) throw badInput('name must be 1 to 100 characters', 'name');
      const token = newSecret('sct');
      const [apiToken] = await context.db
        .insert(apiTokens)
        .values({ userId: viewer.id, name, tokenHash: hashSecret(token), prefix: token.slice(0, 10) })
        .returning();
      return { token, apiToken };
    },
    revokeApiToken: async (_parent: unknown, args: { id: string }, context: ApiContext) => {
      const viewer = requireViewer(context);
      if (!isUuid(args.id)) throw notFound('API token');
      const [token] = await context.db
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.id, args.id), eq(apiTokens.userId, viewer.id), isNull(apiTokens.revokedAt)))
        .returning();
      // This process may still trust the token for a few seconds: forget it, so it stops working at once.
      if (token) {
        context.credentials.forget(tokenKey(token.tokenHash));
        return token;
      }
      const [already] = await context.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.id, args.id), eq(apiTokens.userId, viewer.id)));
      if (!already) throw notFound('API token');
      // Revoked elsewhere (another API process) while this one may still trust it.
      context.credentials.forget(tokenKey(already.tokenHash));
      return already;
    },
  },
};

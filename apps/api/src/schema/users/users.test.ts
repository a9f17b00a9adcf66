import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '@scsamac/db';
import { eq, sql } from 'drizzle-orm';
import { codeOf, engines, gql, gqlData, signUp, startTestApi, type TestApi } from '../../test/harness.js';
import { hashSecret } from '../../auth/tokens.js';

/** How long the suite's API trusts a looked-up credential (shorter than the default, to test its expiry). */
const credentialCacheMs = 1000;

/** The session row's id (sha256 of the cookie's secret). */
function sessionIdOf(cookie: string): string {
  return hashSecret(decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)));
}

describe.each(engines)('users and sign-in on %s', (engine) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(engine, { signInAttempts: 3, credentialCacheMs });
  });
  afterAll(() => t.close());

  it('signs up with an httpOnly SameSite=Lax session cookie and knows the viewer', async () => {
    const result = await gql(
      t.api,
      'mutation { signUp(input: { email: "Ada@Example.org", password: "long enough", displayName: "Ada" }) { viewer { id email } } }',
    );
    expect(result.errors).toBeUndefined();
    const setCookie = result.response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^scsamac_session=ses_[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    const cookie = setCookie.split(';')[0]!;
    const data = await gqlData(t.api, '{ viewer { email displayName } }', {}, { cookie });
    expect(data.viewer).toEqual({ email: 'ada@example.org', displayName: 'Ada' });
    expect((await gqlData(t.api, '{ viewer { id } }')).viewer).toBeNull();
  });

  it('stores only hashes: no password or cookie in the database', async () => {
    const user = await signUp(t.api, 'hash');
    const rows = (await t.connection.db.execute(
      `select u.password_hash, s.id from users u join sessions s on s.user_id = u.id where u.id = '${user.id}'` as never,
    )) as unknown as { rows: { password_hash: string; id: string }[] };
    expect(rows.rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows.rows[0]!.password_hash).not.toContain('correct horse');
    expect(rows.rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(user.cookie).not.toContain(rows.rows[0]!.id);
  });

  it('rejects bad sign-up input and duplicate emails with BAD_USER_INPUT', async () => {
    const user = await signUp(t.api, 'dup');
    const mutation = 'mutation($input: SignUpInput!) { signUp(input: $input) { viewer { id } } }';
    const duplicate = await gql(t.api, mutation, {
      input: { email: user.email.toUpperCase(), password: 'long enough', displayName: 'x' },
    });
    expect(codeOf(duplicate)).toBe('BAD_USER_INPUT');
    const short = await gql(t.api, mutation, {
      input: { email: 'a@b.org', password: 'short', displayName: 'x' },
    });
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0]!.message).toMatch(/password/);
    const email = await gql(t.api, mutation, {
      input: { email: 'nope', password: 'long enough', displayName: 'x' },
    });
    expect(email.errors![0]!.message).toMatch(/email/);
  });

  it('signs in, signs out, and rate-limits repeated failures', async () => {
    const user = await signUp(t.api, 'signin');
    const signIn = 'mutation($input: SignInInput!) { signIn(input: $input) { viewer { id } } }';
    const good = await gql(t.api, signIn, {
      input: { email: user.email, password: 'correct horse battery' },
    });
    expect(good.data).toEqual({ signIn: { viewer: { id: user.id } } });
    const cookie = good.response.headers.get('set-cookie')!.split(';')[0]!;
    // Used once first, so the API remembers the session: signing out must still end it at once.
    expect((await gqlData(t.api, '{ viewer { id } }', {}, { cookie })).viewer).toEqual({ id: user.id });
    const out = await gql(t.api, 'mutation { signOut }', {}, { cookie });
    expect(out.data).toEqual({ signOut: true });
    expect(out.response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await gqlData(t.api, '{ viewer { id } }', {}, { cookie })).viewer).toBeNull();

    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await gql(t.api, signIn, { input: { email: user.email, password: 'wrong password' } });
      expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    }
    const limited = await gql(t.api, signIn, {
      input: { email: user.email, password: 'correct horse battery' },
    });
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.message).toMatch(/try again in \d+ s/);
  });

  it('creates API tokens used as Bearer, shows the secret once, and revokes them', async () => {
    const user = await signUp(t.api, 'token');
    const created = await gqlData(
      t.api,
      'mutation { createApiToken(name: "script") { token apiToken { id name prefix revokedAt } } }',
      {},
      user,
    );
    const { token, apiToken } = created.createApiToken;
    expect(token).toMatch(/^sct_/);
    expect(apiToken.prefix).toBe(token.slice(0, 10));
    const viaToken = await gqlData(t.api, '{ viewer { id apiTokens { id lastUsedAt } } }', {}, { token });
    expect(viaToken.viewer.id).toBe(user.id);
    expect(viaToken.viewer.apiTokens[0].lastUsedAt).not.toBeNull();
    const stored = (await t.connection.db.execute(
      `select token_hash from api_tokens where id = '${apiToken.id}'` as never,
    )) as unknown as { rows: { token_hash: string }[] };
    expect(stored.rows[0]!.token_hash).not.toContain(token.slice(4));
    await gqlData(
      t.api,
      'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }',
      { id: apiToken.id },
      user,
    );
    expect((await gqlData(t.api, '{ viewer { id } }', {}, { token })).viewer).toBeNull();
    // Another user cannot revoke (or learn of) someone else's token.
    const other = await signUp(t.api, 'other');
    const foreign = await gql(
      t.api,
      'mutation($id: ID!) { revokeApiToken(id: $id) { id } }',
      { id: apiToken.id },
      other,
    );
    expect(codeOf(foreign)).toBe('NOT_FOUND');
  });

  it('looks a session up once, not on every request, and never past its expiry', async () => {
    const user = await signUp(t.api, 'cached');
    const viewer = '{ viewer { id } }';
    expect((await gqlData(t.api, viewer, {}, user)).viewer).toEqual({ id: user.id });
    t.queries.length = 0;
    expect((await gqlData(t.api, viewer, {}, user)).viewer).toEqual({ id: user.id });
    expect(t.queries.filter((query) => query.includes('"sessions"'))).toEqual([]);

    // A session ending sooner than the cache's time to live is not trusted past its end.
    const other = await signUp(t.api, 'ending');
    await t.connection.db
      .update(sessions)
      .set({ expiresAt: sql`now() + interval '600 milliseconds'` })
      .where(eq(sessions.id, sessionIdOf(other.cookie)));
    expect((await gqlData(t.api, viewer, {}, other)).viewer).toEqual({ id: other.id });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await gqlData(t.api, viewer, {}, other)).viewer).toBeNull();
  });

  it('notices a session deleted behind its back (another process) within the cache time to live', async () => {
    const user = await signUp(t.api, 'deleted');
    const viewer = '{ viewer { id } }';
    expect((await gqlData(t.api, viewer, {}, user)).viewer).toEqual({ id: user.id });
    await t.connection.db.delete(sessions).where(eq(sessions.id, sessionIdOf(user.cookie)));
    const deletedAt = Date.now();
    let seen: unknown = user.id;
    while (seen !== null && Date.now() - deletedAt < credentialCacheMs + 2000) {
      seen = (await gqlData(t.api, viewer, {}, user)).viewer;
      if (seen !== null) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen).toBeNull();
    // The cookie is refused from the cache's expiry on, not only once.
    expect(Date.now() - deletedAt).toBeLessThan(credentialCacheMs + 1000);
  });

  it('answers UNAUTHENTICATED to mutations that need a user', async () => {
    const result = await gql(t.api, 'mutation { createProject(input: { name: "x" }) { id } }');
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  });
});

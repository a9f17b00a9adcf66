import { describe, expect, it } from 'vitest';
import type { Viewer } from './authenticate.js';
import { CredentialCache } from './credential-cache.js';

const ada: Viewer = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@example.org',
  displayName: 'Ada',
  createdAt: new Date(0),
  via: { kind: 'session', sessionId: 'a' },
};

/** A lookup that counts its calls and answers `found` once `release()` is called. */
function pendingLoad(found: Viewer | null) {
  let calls = 0;
  const releases: (() => void)[] = [];
  const load = () => {
    calls += 1;
    return new Promise<{ viewer: Viewer; expiresAt: Date | null } | null>((resolve) =>
      releases.push(() => resolve(found ? { viewer: found, expiresAt: null } : null)),
    );
  };
  return { load, calls: () => calls, release: () => releases.splice(0).forEach((release) => release()) };
}

describe('CredentialCache', () => {
  it('shares one lookup between concurrent requests and answers later ones from memory', async () => {
    const cache = new CredentialCache(60_000);
    const lookup = pendingLoad(ada);
    const first = cache.lookup('k', lookup.load);
    const second = cache.lookup('k', lookup.load);
    lookup.release();
    expect(await first).toBe(ada);
    expect(await second).toBe(ada);
    expect(await cache.lookup('k', lookup.load)).toBe(ada);
    expect(lookup.calls()).toBe(1);
  });

  it('keeps no bad credential and no failed lookup', async () => {
    const cache = new CredentialCache(60_000);
    const bad = pendingLoad(null);
    const answer = cache.lookup('bad', bad.load);
    bad.release();
    expect(await answer).toBeNull();
    expect(cache.size).toBe(0);
    await expect(cache.lookup('broken', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    expect(cache.size).toBe(0);
  });

  it('does not bring back a credential forgotten while its lookup was running', async () => {
    const cache = new CredentialCache(60_000);
    const before = pendingLoad(ada);
    const inFlight = cache.lookup('k', before.load);
    cache.forget('k'); // sign-out committed while the lookup still read the old row
    before.release();
    expect(await inFlight).toBe(ada);
    const after = pendingLoad(null);
    const next = cache.lookup('k', after.load);
    after.release();
    expect(await next).toBeNull();
    expect(after.calls()).toBe(1);
  });

  it('looks up every time when its time to live is 0', async () => {
    const cache = new CredentialCache(0);
    let calls = 0;
    const load = async () => {
      calls += 1;
      return { viewer: ada, expiresAt: null };
    };
    await cache.lookup('k', load);
    await cache.lookup('k', load);
    expect(calls).toBe(2);
  });
});

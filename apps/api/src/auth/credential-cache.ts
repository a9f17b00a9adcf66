import type { Viewer } from './authenticate.js';

/** How long this process trusts a session or token it has looked up, unless told otherwise. */
export const defaultCredentialCacheMs = 5000;

/** Most credentials kept; beyond that the oldest are forgotten (they are only looked up again). */
const maxEntries = 10_000;

interface Entry {
  /** The lookup, shared by concurrent requests with the same credential; resolves to null for a bad one. */
  viewer: Promise<Viewer | null>;
  /** When this process looks the credential up again (never later than the session's own expiry). */
  expires: number;
}

/**
 * Who a session cookie or API token belongs to, remembered for a few seconds so that a busy client does not cost
 * a database round trip per request. Keys are the credential's sha256, never the secret.
 *
 * Sign-out and token revocation go through this API, which calls {@link forget} in the same request, so they take
 * effect at once. What changes behind the API's back (a row deleted by hand, or by another API process sharing a
 * PostgreSQL server) is noticed within `ttlMs`. Only valid credentials are kept: a bad one is looked up every time.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();

  /** `ttlMs` 0 turns the cache off (every request looks its credential up). */
  constructor(readonly ttlMs: number = defaultCredentialCacheMs) {}

  /**
   * The viewer of credential `key`, from the cache or from `load`, which also returns when the credential itself
   * expires (a session's end), so no entry outlives it.
   */
  lookup(
    key: string,
    load: () => Promise<{ viewer: Viewer; expiresAt: Date | null } | null>,
  ): Promise<Viewer | null> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.viewer;
    if (this.ttlMs <= 0) return load().then((found) => found?.viewer ?? null);
    this.makeRoom(now);
    const entry: Entry = { viewer: Promise.resolve(null), expires: now + this.ttlMs };
    entry.viewer = load().then(
      (found) => {
        // Forget a bad credential, and shorten the entry to a session's end; unless the entry was replaced or
        // forgotten (sign-out, revocation) while the lookup ran, which must win.
        if (this.entries.get(key) === entry) {
          if (!found) this.entries.delete(key);
          else if (found.expiresAt) entry.expires = Math.min(entry.expires, found.expiresAt.getTime());
        }
        return found?.viewer ?? null;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, entry);
    return entry.viewer;
  }

  /** Forgets credential `key` (after sign-out or revocation), so its next use is looked up again. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** How many credentials are remembered now (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private makeRoom(now: number): void {
    if (this.entries.size < maxEntries) return;
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    // Map iteration is in insertion order: what remains first is the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size < maxEntries) break;
      this.entries.delete(key);
    }
  }
}

/**
 * A small time-to-live cache per database, for reads many clients repeat and that may lag writes by a moment (the
 * leaderboard's aggregates). Concurrent callers of a missing key share one load; a failed load is not kept.
 */
const caches = new WeakMap<object, Map<string, { expires: number; value: Promise<unknown> }>>();

/** Returns the cached value of `key` for `db`, loading it with `load` when absent or older than `ttlMs`. */
export function cached<T>(db: object, key: string, ttlMs: number, load: () => PromiseLike<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  if (cache.size > 1000) {
    for (const [name, entry] of cache) if (entry.expires <= now) cache.delete(name);
  }
  // Adopt once: query builders are thenables that would run their query again on every await.
  const value = Promise.resolve(load());
  cache.set(key, { expires: now + ttlMs, value });
  value.catch(() => cache.delete(key));
  return value;
}

/** Forgets every cached value of `db` (after a change the caller made itself, so it sees it at once). */
export function clearCache(db: object): void {
  caches.delete(db);
}

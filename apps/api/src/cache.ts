/**
 * A small time-to-live cache per database, for reads many clients repeat and that may lag writes by a moment (the
 * leaderboard's aggregates). Concurrent callers of a missing key share one load; a failed load is not kept.
 */
interface Entry {
  expires: number;
  value: Promise<unknown>;
}
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(db: object): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** Entries after which a cache is swept of expired ones. */
const sweepSize = 1000;
/**
 * The size at which each cache is swept next: twice what a sweep left, so a large live cache is not rescanned on
 * every insertion (a scan per new key cost the benchmark 1.5% of its CPU once 1,000 runs were cached).
 */
const nextSweep = new WeakMap<object, number>();

/** Returns the cached value of `key` for `db`, loading it with `load` when absent or older than `ttlMs`. */
export function cached<T>(db: object, key: string, ttlMs: number, load: () => PromiseLike<T>): Promise<T> {
  const cache = cacheOf(db);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  if (cache.size > (nextSweep.get(cache) ?? sweepSize)) {
    for (const [name, entry] of cache) if (entry.expires <= now) cache.delete(name);
    nextSweep.set(cache, Math.max(sweepSize, 2 * cache.size));
  }
  // Adopt once: query builders are thenables that would run their query again on every await.
  const value = Promise.resolve(load());
  cache.set(key, { expires: now + ttlMs, value });
  value.catch(() => cache.delete(key));
  return value;
}

/**
 * Like {@link cached}, but keeps a loaded value only when `keep` accepts it (a row that can still change is read
 * again by the next caller). Callers arriving while the load runs share it either way.
 */
export function cachedIf<T>(
  db: object,
  key: string,
  ttlMs: number,
  load: () => PromiseLike<T>,
  keep: (value: T) => boolean,
): Promise<T> {
  const value = cached(db, key, ttlMs, load);
  void value.then(
    (loaded) => {
      if (!keep(loaded) && caches.get(db)?.get(key)?.value === value) caches.get(db)!.delete(key);
    },
    () => undefined,
  );
  return value;
}

/**
 * A token for "the cache of `db` as it is now": {@link remember} with it stores nothing once {@link clearCache} has
 * run since, so a value read before a change and handed over after it is not kept.
 */
export function cacheEpoch(db: object): object {
  return cacheOf(db);
}

/**
 * Stores `value` under `key` for `ttlMs` as if {@link cached} had loaded it, unless the cache was cleared since
 * `epoch` was taken ({@link cacheEpoch}) or already holds the key.
 */
export function remember<T>(db: object, epoch: object, key: string, ttlMs: number, value: T): void {
  const cache = caches.get(db);
  const now = Date.now();
  if (!cache || cache !== epoch || (cache.get(key)?.expires ?? 0) > now) return;
  cache.set(key, { expires: now + ttlMs, value: Promise.resolve(value) });
}

/** Forgets every cached value of `db` (after a change the caller made itself, so it sees it at once). */
export function clearCache(db: object): void {
  caches.delete(db);
}

/**
 * Counts failures per key in a sliding window; a key with `limit` failures inside `windowMs` is blocked until the
 * oldest of them leaves the window. In memory: one API process per database is the deployment this serves; behind
 * several API processes each would keep its own window.
 */
export class FailureRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const times = (this.failures.get(key) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfterSeconds(key: string): number {
    const times = this.recent(key);
    if (times.length < this.limit) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.windowMs - this.now()) / 1000));
  }

  /** Records a failed attempt of `key`. */
  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** Forgets `key`'s failures (after a success). */
  reset(key: string): void {
    this.failures.delete(key);
  }
}

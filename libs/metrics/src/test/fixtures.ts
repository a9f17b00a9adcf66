import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { MetricsInputError, type MetricsErrorCode } from '../errors.js';

/** Reads a JSON fixture written by libs/metrics/fixtures/make_fixtures.py. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** |actual - expected| <= tolerance · max(1, |expected|); null in a fixture stands for NaN. */
export function expectClose(actual: number, expected: number | null, tolerance = 1e-9, what = ''): void {
  if (expected === null || Number.isNaN(expected)) {
    expect(actual, what).toBeNaN();
    return;
  }
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance * Math.max(1, Math.abs(expected)))) {
    expect.fail(`${what}: ${actual} differs from ${expected} by ${error} (tolerance ${tolerance})`);
  }
}

/**
 * The code of the `MetricsInputError` that `run` throws, or `'no error'`; any other error fails the test, so a typed
 * check cannot pass on a crash.
 */
export function metricsErrorCode(run: () => unknown): MetricsErrorCode | 'no error' {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricsInputError);
    return (error as MetricsInputError).code;
  }
  return 'no error';
}

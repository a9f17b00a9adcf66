import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJourney } from '../scripts/fetch-journey.js';
import { sharedFile, startTestApi, type TestApi } from './test/harness.js';

describe('the fetch-only journey', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi('pglite');
  });
  afterAll(() => t.close());

  it('signs up, uploads Baron_mouse1, starts runs and reads the paper ten methods for CITE_CBMC', async () => {
    const result = await runJourney(t.api.origin, sharedFile('formats/Baron_mouse1.csr.h5ad'));
    expect(result.runIds).toHaveLength(3);
    expect(result.leaderboard).toHaveLength(10);
    expect(result.leaderboard.every((row) => row.reported)).toBe(true);
    expect(result.leaderboard.map((row) => row.method)).toContain('scsamac');
    expect(result.leaderboard.find((row) => row.method === 'scsamac')?.mean).toBe(0.6607);
  });
});

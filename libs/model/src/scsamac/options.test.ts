import { describe, expect, it } from 'vitest';
import { parseScsamacOptions } from './options.js';

describe('scSAMAC options', () => {
  it('fills every default from one schema', () => {
    const o = parseScsamacOptions({});
    expect(o.seed).toBe(1);
    expect(o.k).toBeNull();
    expect(o.likelihood).toBe('nb');
    expect(o.batchSize).toBe(256);
    expect(o.hidden).toEqual([256, 64]);
    expect(o.attentionHeads).toBe(8);
  });

  it('keeps given values and rejects unknown keys and bad values', () => {
    expect(parseScsamacOptions({ k: 5, likelihood: 'zinb' })).toMatchObject({ k: 5, likelihood: 'zinb' });
    expect(() => parseScsamacOptions({ kk: 5 })).toThrow();
    expect(() => parseScsamacOptions({ likelihood: 'poisson' })).toThrow();
    expect(() => parseScsamacOptions({ k: 1 })).toThrow();
  });

  it('survives a JSON round trip unchanged (it is what the API stores)', () => {
    const o = parseScsamacOptions({ seed: 3 });
    expect(parseScsamacOptions(JSON.parse(JSON.stringify(o)))).toEqual(o);
  });
});

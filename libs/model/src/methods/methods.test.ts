import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CsrMatrix } from '../matrix.js';
import { toCsr } from '../pp/dense.js';
import { createRandom } from '../random.js';
import { classicEmbedding } from './classic-embedding.js';
import { getMethod, listMethods } from './registry.js';

/** Counts of 3 cell types x 60 cells over 300 genes; each type has 20 marker genes at 8x expression. */
function syntheticCounts(): { counts: CsrMatrix; truth: Int32Array } {
  const random = createRandom(21);
  const rows = 180;
  const cols = 300;
  const data = new Float32Array(rows * cols);
  const truth = new Int32Array(rows);
  const base = Float64Array.from({ length: cols }, () => 0.2 + 2 * random.next());
  for (let i = 0; i < rows; i++) {
    truth[i] = i % 3;
    const library = 0.6 + 0.8 * random.next();
    for (let j = 0; j < cols; j++) {
      const marker = j >= truth[i] * 20 && j < truth[i] * 20 + 20;
      const mean = base[j] * library * (marker ? 8 : 1);
      // Poisson draw by inversion (means are small).
      let value = 0;
      let probability = Math.exp(-mean);
      let cumulative = probability;
      const u = random.next();
      while (u > cumulative && value < 200) {
        value++;
        probability *= mean / value;
        cumulative += probability;
      }
      data[i * cols + j] = value;
    }
  }
  return { counts: toCsr({ rows, cols, data }), truth };
}

/** Fraction of cells whose label is the majority label of their true type (1 = perfect, up to renaming). */
function purity(labels: Int32Array, truth: Int32Array): number {
  let agree = 0;
  for (const type of new Set(truth)) {
    const tally = new Map<number, number>();
    truth.forEach((t, i) => t === type && tally.set(labels[i], (tally.get(labels[i]) ?? 0) + 1));
    agree += Math.max(...tally.values());
  }
  return agree / truth.length;
}

describe('classic methods', () => {
  const { counts, truth } = syntheticCounts();

  it('lists and finds the baselines and rejects unknown names and options', () => {
    const names = listMethods().map((method) => method.name);
    expect(names).toContain('pca-kmeans');
    expect(names).toContain('pca-leiden');
    expect(() => getMethod('nope')).toThrow(/known: .*pca-kmeans/);
    const method = getMethod('pca-kmeans');
    expect(method.parseOptions({ k: 3 })).toMatchObject({
      k: 3,
      nInit: 20,
      nTopGenes: 2000,
      nComponents: 50,
      seed: 0,
    });
    expect(() => method.parseOptions({ k: 3, kk: 1 })).toThrow();
    expect(() => getMethod('pca-leiden').parseOptions({ resolution: -1 })).toThrow();
    expect(() => getMethod('pca-leiden').parseOptions({ nInit: 3 })).toThrow();
  });

  it('pca-kmeans recovers the three cell types with the true k, reproducibly', async () => {
    const method = getMethod('pca-kmeans');
    const options = method.parseOptions({ k: 3, seed: 1, nComponents: 10, nInit: 5 });
    const events: string[] = [];
    const result = await method.run(counts, options, { onProgress: (event) => events.push(event.phase) });
    expect(purity(result.labels, truth)).toBeGreaterThan(0.97);
    expect(result.k).toBe(3);
    expect(result.latentDims).toBe(10);
    expect(result.latent.length).toBe(180 * 10);
    expect(result.centres?.length).toBe(3 * 10);
    expect(result.backend).toBe('none');
    expect(result.timings.total).toBeGreaterThan(0);
    expect(events[0]).toBe('preprocess');
    expect(events.at(-1)).toBe('done');
    const again = await method.run(counts, options);
    expect([...again.labels]).toEqual([...result.labels]);
  });

  it('pca-kmeans estimates k from the graph when none is given; pca-leiden finds the types', async () => {
    const kmeansMethod = getMethod('pca-kmeans');
    const estimated = await kmeansMethod.run(
      counts,
      kmeansMethod.parseOptions({ seed: 2, nComponents: 10, nInit: 3 }),
    );
    expect(estimated.k).toBeGreaterThanOrEqual(3);
    const leiden = getMethod('pca-leiden');
    const result = await leiden.run(counts, leiden.parseOptions({ seed: 1, nComponents: 10 }));
    expect(purity(result.labels, truth)).toBeGreaterThan(0.97);
    expect(result.k).toBe(new Set(result.labels).size);
    expect(result.history[0].key).toBe('modularity');
  });

  it('shares one embedding between calls with the same matrix and options only', () => {
    const options = { seed: 1, targetSum: 1e4, nTopGenes: 100, maxValue: 10, nComponents: 5 };
    const first = classicEmbedding(counts, options);
    expect(classicEmbedding(counts, { ...options })).toBe(first);
    expect(classicEmbedding(counts, { ...options, nComponents: 4 })).not.toBe(first);
    expect(first.genes).toHaveLength(100);
    expect(first.pca.scores.cols).toBe(5);
  });

  it('stops with an AbortError when the signal is aborted', async () => {
    const method = getMethod('pca-leiden');
    const controller = new AbortController();
    controller.abort();
    await expect(method.run(counts, method.parseOptions({}), { signal: controller.signal })).rejects.toThrow(
      /abort/i,
    );
  });
});

describe('option schemas', () => {
  it('every method exposes its zod options schema with a one-line description per option', () => {
    for (const method of listMethods()) {
      expect(method.optionsSchema, method.name).toBeDefined();
      const json = z.toJSONSchema(method.optionsSchema!, { io: 'input' }) as {
        properties: Record<string, { description?: string }>;
      };
      const defaults = method.parseOptions({}) as Record<string, unknown>;
      for (const [key, property] of Object.entries(json.properties)) {
        expect(property.description, `${method.name}.${key}`).toMatch(/^[^\n]+$/);
      }
      // Every default the parser fills is an option of the schema.
      for (const key of Object.keys(defaults)) expect(Object.keys(json.properties)).toContain(key);
    }
  });
});

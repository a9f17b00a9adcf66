import { methods } from '@scsamac/db';
import { getMethod, listMethods } from '@scsamac/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, gqlData, startTestApi, type TestApi } from '../../test/harness.js';

interface MethodAnswer {
  id: string;
  runnable: boolean;
  defaultParams: Record<string, unknown>;
  paramsSchema: {
    type: string;
    additionalProperties?: boolean;
    properties: Record<string, { default?: unknown; description?: string; type?: string }>;
  } | null;
}

describe.each(engines)('methods on %s', (engine) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(engine);
  });
  afterAll(() => t.close());

  it('seeds every method of the model registry, as runnable, under the same id', async () => {
    const rows = await t.connection.db.select().from(methods);
    const seeded = new Map(rows.map((row) => [row.id, row]));
    const names = listMethods().map((method) => method.name);
    expect(names).toContain('scsamac-no-cluster-level');
    for (const name of names) {
      expect(seeded.get(name)?.runnable, name).toBe(true);
    }
    // And the other way round: every runnable method is one the trainer can dispatch.
    for (const row of rows.filter((r) => r.runnable)) expect(names).toContain(row.id);
  });

  it("serves each method's JSON Schema with its variant's defaults and one-line help", async () => {
    const data = await gqlData<{ methods: MethodAnswer[] }>(
      t.api,
      '{ methods { id runnable defaultParams paramsSchema } }',
    );
    const byId = new Map(data.methods.map((method) => [method.id, method]));
    const ablation = byId.get('scsamac-no-cluster-level')!;
    expect(ablation.paramsSchema?.type).toBe('object');
    expect(ablation.paramsSchema?.additionalProperties).toBe(false);
    expect(ablation.paramsSchema?.properties.clusterLevel).toMatchObject({ type: 'boolean', default: false });
    expect(byId.get('scsamac')!.paramsSchema?.properties.clusterLevel?.default).toBe(true);
    expect(ablation.defaultParams).toMatchObject({ clusterLevel: false, contrastive: true, seed: 1 });
    expect(ablation.paramsSchema?.properties.pretrainSteps).toMatchObject({
      type: 'integer',
      // the model's own default, whatever it is tuned to
      default: getMethod('scsamac-no-cluster-level').parseOptions({}).pretrainSteps,
      description: 'Optimizer steps of pretraining (not epochs).',
    });
    const kmeans = byId.get('pca-kmeans')!;
    expect(kmeans.defaultParams).toMatchObject({ nInit: 20, maxIter: 300, nComponents: 50 });
    expect(kmeans.paramsSchema?.properties.nInit).toMatchObject({ default: 20, type: 'integer' });
    for (const method of data.methods.filter((m) => m.runnable)) {
      for (const [key, property] of Object.entries(method.paramsSchema!.properties)) {
        expect(property.description, `${method.id}.${key}`).toMatch(/^[^\n]+$/);
      }
    }
    expect(byId.get('scname')).toMatchObject({ runnable: false, paramsSchema: null, defaultParams: {} });
  });
});

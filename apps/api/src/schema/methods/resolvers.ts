import { reportedResults } from '@scsamac/db';
import { asc } from 'drizzle-orm';
import type { ApiContext } from '../../context.js';
import { allMethods, type MethodRow } from '../../loaders.js';
import { methodDefaults, methodParamsSchema } from './params.js';

const benchmarkCache = new WeakMap<object, Promise<string[]>>();

/**
 * The paper's dataset names. Reference data only changes with a migration, so the list is read once per database.
 */
export function reportedDatasets(context: ApiContext): Promise<string[]> {
  const cached = benchmarkCache.get(context.db);
  if (cached) return cached;
  const names = context.db
    .selectDistinct({ dataset: reportedResults.dataset })
    .from(reportedResults)
    .orderBy(asc(reportedResults.dataset))
    .then((rows) => rows.map((row) => row.dataset))
    .catch((error: unknown) => {
      benchmarkCache.delete(context.db);
      throw error;
    });
  benchmarkCache.set(context.db, names);
  return names;
}

/** Methods and benchmark names: reference data, readable by anyone. */
export const methodsResolvers = {
  Query: {
    methods: async (_parent: unknown, args: { runnable?: boolean | null }, context: ApiContext) =>
      (await allMethods(context.db)).filter(
        (method) => args.runnable == null || method.runnable === args.runnable,
      ),
    benchmarks: (_parent: unknown, _args: unknown, context: ApiContext) => reportedDatasets(context),
  },
  Method: {
    // The model's option parser is the authority; the column only covers methods the model lacks.
    defaultParams: (method: MethodRow) => methodDefaults(method.id) ?? method.defaultParams,
    paramsSchema: (method: MethodRow) => methodParamsSchema(method.id),
  },
};

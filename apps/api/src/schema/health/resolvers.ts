import { checkHealth } from '@scsamac/db';
import type { ApiContext } from '../../context.js';

/** The health check. */
export const healthResolvers = {
  Query: {
    health: async (_parent: unknown, _args: unknown, context: ApiContext) => ({
      ok: true,
      database: await checkHealth(context.connection),
    }),
  },
};

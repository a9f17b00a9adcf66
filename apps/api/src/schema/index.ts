import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { commonResolvers } from './common/resolvers.js';
import { datasetsResolvers } from './datasets/resolvers.js';
import { healthResolvers } from './health/resolvers.js';
import { leaderboardResolvers } from './leaderboard/resolvers.js';
import { methodsResolvers } from './methods/resolvers.js';
import { projectsResolvers } from './projects/resolvers.js';
import { runsResolvers } from './runs/resolvers.js';
import { typeDefs } from './type-defs.js';
import { usersResolvers } from './users/resolvers.js';

/** Every domain's resolvers; graphql-tools merges them by type. */
export const resolvers = [
  commonResolvers,
  healthResolvers,
  usersResolvers,
  projectsResolvers,
  datasetsResolvers,
  methodsResolvers,
  runsResolvers,
  leaderboardResolvers,
];

/** The executable schema of the API. */
export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs, resolvers });
}

export { typeDefs };

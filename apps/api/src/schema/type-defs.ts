import { commonTypeDefs } from './common/type-defs.js';
import { datasetsTypeDefs } from './datasets/type-defs.js';
import { healthTypeDefs } from './health/type-defs.js';
import { leaderboardTypeDefs } from './leaderboard/type-defs.js';
import { methodsTypeDefs } from './methods/type-defs.js';
import { projectsTypeDefs } from './projects/type-defs.js';
import { runsTypeDefs } from './runs/type-defs.js';
import { usersTypeDefs } from './users/type-defs.js';

/** Every domain's type definitions; `common` first because the others extend its Query and Mutation. */
export const typeDefs = [
  commonTypeDefs,
  healthTypeDefs,
  usersTypeDefs,
  projectsTypeDefs,
  datasetsTypeDefs,
  methodsTypeDefs,
  runsTypeDefs,
  leaderboardTypeDefs,
];

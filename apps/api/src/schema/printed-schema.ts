import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchema } from 'graphql';
import { typeDefs } from './type-defs.js';

/** The schema as SDL, in definition order, as committed in `apps/api/schema.graphql`. */
export function printedSchema(): string {
  return `${printSchema(makeExecutableSchema({ typeDefs }))}\n`;
}

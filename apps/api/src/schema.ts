import type { Connection } from '@scsamac/db';
import { checkHealth } from '@scsamac/db';

/** Per-request context handed to every resolver. */
export interface ApiContext {
  connection: Connection;
}

export const typeDefs = /* GraphQL */ `
  "The database behind the API, as seen by a health check."
  type DatabaseHealth {
    "Which engine answers: pglite (embedded) or postgres (a server named by DATABASE_URL)."
    kind: String!
    "The server's version string."
    serverVersion: String!
    "The server's clock when it answered, ISO 8601."
    now: String!
  }

  "Whether the API is up and its database answers."
  type Health {
    "Always true when the API answers at all."
    ok: Boolean!
    "The database's answer to a health query."
    database: DatabaseHealth!
  }

  type Query {
    "Checks that the API and its database are up."
    health: Health!
  }
`;

export const resolvers = {
  Query: {
    health: async (_parent: unknown, _args: unknown, context: ApiContext) => ({
      ok: true,
      database: await checkHealth(context.connection),
    }),
  },
};

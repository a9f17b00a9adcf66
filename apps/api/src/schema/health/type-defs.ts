/** The health check: needs no sign-in. */
export const healthTypeDefs = /* GraphQL */ `
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

  extend type Query {
    "Checks that the API and its database are up. Needs no sign-in."
    health: Health!
  }
`;

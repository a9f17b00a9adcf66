/** Scalars, enums and Relay paging types shared by every domain. */
export const commonTypeDefs = /* GraphQL */ `
  "An instant in time as an ISO 8601 string in UTC, e.g. 2026-11-26T14:40:49.000Z."
  scalar DateTime

  "Any JSON value: a run's parameters, a method's default parameters, a timing table."
  scalar JSON

  "A member's role in a project: owners manage members and the project, editors add datasets and runs, viewers read."
  enum Role {
    "Manages the project and its members; can do everything an editor can."
    OWNER
    "Uploads and registers datasets, starts, cancels and deletes runs."
    EDITOR
    "Reads everything in the project; cannot change anything."
    VIEWER
  }

  "Relay paging information of a connection."
  type PageInfo {
    "Whether more items follow the last one returned."
    hasNextPage: Boolean!
    "Whether items precede the first one returned (always false: paging is forward only)."
    hasPreviousPage: Boolean!
    "Cursor of the first item returned, or null when the page is empty."
    startCursor: String
    "Cursor of the last item returned; pass it as after to read the next page."
    endCursor: String
  }

  "Which way to sort."
  enum OrderDirection {
    "Smallest or oldest first."
    ASC
    "Largest or newest first."
    DESC
  }

  "The root of all reads."
  type Query {
    "The signed-in user, or null when the request carries no valid session or API token."
    viewer: Viewer
  }

  "The root of all writes."
  type Mutation {
    "Ends the current session (clears the session cookie). True when a session was ended."
    signOut: Boolean!
  }
`;

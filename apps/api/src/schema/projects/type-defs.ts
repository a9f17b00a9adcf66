/** Projects and their members. */
export const projectsTypeDefs = /* GraphQL */ `
  "A team's workspace: datasets, runs and the people who share them."
  type Project {
    "Stable identifier."
    id: ID!
    "Name shown in the app."
    name: String!
    "Free-text description."
    description: String!
    "When the project was created."
    createdAt: DateTime!
    "The signed-in user's role in this project."
    viewerRole: Role!
    "Everyone with access, owners first."
    members: [Member!]!
    "The project's datasets, newest first."
    datasets(
      "How many to return (1 to 100, default 20)."
      first: Int = 20
      "Cursor after which to start (endCursor of the previous page)."
      after: String
    ): DatasetConnection!
    "The project's runs, filtered and sorted."
    runs(
      "Which runs to return."
      filter: RunFilter
      "How to sort them (default: newest first)."
      orderBy: RunOrder
      "How many to return (1 to 100, default 20)."
      first: Int = 20
      "Cursor after which to start (endCursor of the previous page)."
      after: String
    ): RunConnection!
    "How many of the project's runs are in each status."
    runCounts: RunStatusCounts!
  }

  "A user's membership of a project."
  type Member {
    "The member."
    user: User!
    "What the member may do."
    role: Role!
    "When the member was added."
    addedAt: DateTime!
  }

  "One project in a page of projects."
  type ProjectEdge {
    "The project."
    node: Project!
    "Opaque position of this project, for paging."
    cursor: String!
  }

  "A page of projects (Relay connection)."
  type ProjectConnection {
    "The projects of this page, with cursors."
    edges: [ProjectEdge!]!
    "The projects of this page."
    nodes: [Project!]!
    "Where this page sits."
    pageInfo: PageInfo!
    "How many projects there are in all."
    totalCount: Int!
  }

  "What creating a project needs."
  input CreateProjectInput {
    "Name (1 to 100 characters)."
    name: String!
    "Optional description (up to 2,000 characters)."
    description: String
  }

  extend type Query {
    "Projects the viewer is a member of, newest first."
    projects(
      "How many to return (1 to 100, default 20)."
      first: Int = 20
      "Cursor after which to start (endCursor of the previous page)."
      after: String
    ): ProjectConnection!
    "One project; NOT_FOUND when it does not exist or the viewer is not a member."
    project(id: ID!): Project
  }

  extend type Mutation {
    "Creates a project with the viewer as its owner."
    createProject(input: CreateProjectInput!): Project!
    "Renames a project (owners only); description is left alone when not given."
    renameProject(id: ID!, name: String!, description: String): Project!
    "Deletes a project with all its datasets, runs and files (owners only). Returns the id."
    deleteProject(id: ID!): ID!
    "Adds the user with this email to the project (owners only)."
    addMember(projectId: ID!, email: String!, role: Role!): Member!
    "Changes a member's role (owners only); a project always keeps at least one owner."
    changeMemberRole(projectId: ID!, userId: ID!, role: Role!): Member!
    "Removes a member (owners only, or members removing themselves); the last owner cannot leave. Returns the user id."
    removeMember(projectId: ID!, userId: ID!): ID!
  }
`;

/** Users, sign-up/sign-in and API tokens. */
export const usersTypeDefs = /* GraphQL */ `
  "A person with an account, as other members of a shared project see them."
  type User {
    "Stable identifier."
    id: ID!
    "Email address, lower-cased; also the sign-in name."
    email: String!
    "Name shown in the app."
    displayName: String!
  }

  "The signed-in user, with what only they may see."
  type Viewer {
    "Stable identifier (the same as the user's id)."
    id: ID!
    "Email address, lower-cased."
    email: String!
    "Name shown in the app."
    displayName: String!
    "When the account was created."
    createdAt: DateTime!
    "The user's API tokens, newest first, revoked ones included (with revokedAt set)."
    apiTokens: [ApiToken!]!
  }

  "A personal API token for scripts, sent as Authorization: Bearer <token>. Only its prefix is ever shown again."
  type ApiToken {
    "Stable identifier."
    id: ID!
    "Name the user gave the token."
    name: String!
    "The token's first characters, to tell tokens apart."
    prefix: String!
    "When the token was created."
    createdAt: DateTime!
    "When the token last authenticated a request, or null if never."
    lastUsedAt: DateTime
    "When the token was revoked, or null while it is valid."
    revokedAt: DateTime
  }

  "A freshly created API token: the secret is returned once, here, and never again."
  type CreatedApiToken {
    "The secret to send as Authorization: Bearer <token>."
    token: String!
    "The stored token's details."
    apiToken: ApiToken!
  }

  "The result of signing up or in: the user. The session itself travels as an httpOnly cookie."
  type AuthPayload {
    "The signed-in user."
    viewer: Viewer!
  }

  "What signing up needs."
  input SignUpInput {
    "Email address; must not belong to an existing account."
    email: String!
    "Password of at least 8 characters."
    password: String!
    "Name shown in the app (1 to 100 characters)."
    displayName: String!
  }

  "What signing in needs."
  input SignInInput {
    "The account's email address."
    email: String!
    "The account's password."
    password: String!
  }

  extend type Mutation {
    "Creates an account and signs it in (sets the session cookie)."
    signUp(input: SignUpInput!): AuthPayload!
    "Signs in with email and password (sets the session cookie). Rate limited per email and client address."
    signIn(input: SignInInput!): AuthPayload!
    "Creates a personal API token; its secret is returned only in this answer."
    createApiToken(name: String!): CreatedApiToken!
    "Revokes one of the viewer's API tokens; requests using it fail from then on."
    revokeApiToken(id: ID!): ApiToken!
  }
`;

import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { clearedSessionCookie } from '../../auth/cookies.js';
import { deleteSession } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';

function parseLiteral(node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((value) => parseLiteral(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, parseLiteral(field.value, variables)]),
      );
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    default:
      return undefined;
  }
}

/** Resolvers of the shared scalars and of signOut. */
export const commonResolvers = {
  DateTime: new GraphQLScalarType({
    name: 'DateTime',
    description: 'An instant in time as an ISO 8601 string in UTC, e.g. 2026-11-26T14:40:49.000Z.',
    serialize: (value) =>
      value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString(),
    parseValue: (value) => new Date(String(value)),
    parseLiteral: (node) => (node.kind === Kind.STRING ? new Date(node.value) : undefined),
  }),
  JSON: new GraphQLScalarType({
    name: 'JSON',
    description: "Any JSON value: a run's parameters, a method's default parameters, a timing table.",
    serialize: (value) => value,
    parseValue: (value) => value,
    parseLiteral,
  }),
  Mutation: {
    signOut: async (_parent: unknown, _args: unknown, context: ApiContext) => {
      context.response.appendHeader('set-cookie', clearedSessionCookie(context.secure));
      if (context.viewer?.via.kind !== 'session') return false;
      await deleteSession(context, context.viewer.via.sessionId);
      return true;
    },
  },
};

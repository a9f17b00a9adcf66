import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** How deep and how expensive one operation may be. */
export interface QueryLimits {
  /** Deepest field nesting, counting the root field as 1. */
  maxDepth: number;
  /** Largest estimated cost (see {@link estimateCost}). */
  maxCost: number;
}

/** The limits the API runs with: deep enough for every page of the web app, far below a runaway query. */
export const defaultLimits: QueryLimits = { maxDepth: 10, maxCost: 20_000 };

/** Items a list field without `first` is assumed to return when estimating cost. */
const assumedListSize = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Set once a variable gave a multiplier: the measure then holds for these variables only. */
  readVariables: boolean;
}

function intArgument(node: FieldNode, name: string, walk: Walk): number | undefined {
  const argument = node.arguments?.find((arg) => arg.name.value === name);
  if (!argument) return undefined;
  const value: ValueNode = argument.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    walk.readVariables = true;
    const given = walk.variables[value.name.value];
    return typeof given === 'number' ? given : undefined;
  }
  return undefined;
}

/**
 * Depth and cost of a selection set. Cost: every field costs 1, times how many times it runs; a field with `first`
 * (a connection) multiplies its children by `first` or its default, any other list field by
 * {@link assumedListSize}; a connection's `nodes`/`edges` add no factor of their own.
 */
function measure(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  seen: Set<string>,
): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[selection.name.value];
      if (!field) continue;
      let children = { depth: 0, cost: 0 };
      const named = getNamedType(field.type);
      if (selection.selectionSet && isObjectType(named)) {
        children = measure(walk, named, selection.selectionSet, seen);
      }
      const firstDefault = field.args.find((arg) => arg.name === 'first')?.defaultValue;
      // A connection's `nodes` and `edges` hold the page its parent field already counted with `first`.
      const multiplier = type.name.endsWith('Connection')
        ? 1
        : (intArgument(selection, 'first', walk) ??
          (typeof firstDefault === 'number' ? firstDefault : undefined) ??
          (isListType(getNullableType(field.type)) ? assumedListSize : 1));
      depth = Math.max(depth, 1 + children.depth);
      cost += 1 + multiplier * children.cost;
    } else {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const key = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : '';
      // A fragment that spreads itself is already an error of its own; do not loop on it.
      if (key && seen.has(key)) continue;
      const condition = fragment.typeCondition
        ? walk.schema.getType(fragment.typeCondition.name.value)
        : type;
      const inner = measure(
        walk,
        isObjectType(condition) ? condition : type,
        fragment.selectionSet,
        key ? new Set([...seen, key]) : seen,
      );
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth, cost };
}

/** The depth and estimated cost of each operation of a document. */
type Measured = { name: string | undefined; depth: number; cost: number }[];

/**
 * Measures of documents whose cost no variable decides, by document and schema. Apollo Server hands every request
 * with the same query text the same parsed document (its document store), so a client polling one query is
 * measured once.
 */
const measuredDocuments = new WeakMap<DocumentNode, { schema: GraphQLSchema; measured: Measured }>();

/** Depth and estimated cost of each operation of a document, with the request's variables. */
export function measureOperations(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): Measured {
  const known = measuredDocuments.get(document);
  if (known?.schema === schema) return known.measured;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const walk: Walk = { schema, fragments, variables, readVariables: false };
  const results: Measured = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = definition.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
    if (!root) continue;
    const measured = measure(walk, root, definition.selectionSet, new Set());
    results.push({ name: definition.name?.value, ...measured });
  }
  if (!walk.readVariables) measuredDocuments.set(document, { schema, measured: results });
  return results;
}

/**
 * An Apollo Server plugin that rejects operations deeper than `maxDepth` or costlier than `maxCost` before any
 * resolver runs. A plugin rather than a validation rule because the cost depends on variables (`first: $n`).
 */
export function queryLimitsPlugin<TContext extends BaseContext>(
  limits: QueryLimits = defaultLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          for (const { depth, cost } of measureOperations(schema, document, request.variables ?? {})) {
            if (depth > limits.maxDepth) {
              throw new GraphQLError(`query is ${depth} levels deep; the limit is ${limits.maxDepth}`, {
                extensions: { code: 'BAD_USER_INPUT', depth, http: { status: 400 } },
              });
            }
            if (cost > limits.maxCost) {
              throw new GraphQLError(
                `query costs about ${cost}; the limit is ${limits.maxCost} (ask for smaller pages)`,
                { extensions: { code: 'BAD_USER_INPUT', cost, http: { status: 400 } } },
              );
            }
          }
        },
      };
    },
  };
}

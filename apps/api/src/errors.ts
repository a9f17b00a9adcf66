import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (in `extensions.code`, and in REST error bodies). */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMITED';

/** A GraphQL error with a stable code; the message is meant for users and shown as is. */
export function apiError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The input is wrong; `field` names the argument when one is to blame. */
export function badInput(message: string, field?: string): GraphQLError {
  return apiError('BAD_USER_INPUT', message, field ? { field } : {});
}

/** No valid session or token came with the request. */
export function unauthenticated(): GraphQLError {
  return apiError('UNAUTHENTICATED', 'sign in first');
}

/**
 * The thing does not exist *or the caller may not see it*: the same answer for both, so nobody learns whether
 * another team's project, dataset or run exists.
 */
export function notFound(what: string): GraphQLError {
  return apiError('NOT_FOUND', `${what} not found`);
}

/** The caller can see the thing but their role does not allow this change. */
export function forbidden(message: string): GraphQLError {
  return apiError('FORBIDDEN', message);
}

/** HTTP status of each code, for the REST routes. */
export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
};

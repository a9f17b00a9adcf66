import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { apiUrl } from './api-url';
import { ApiError, dataOrThrow, type GraphQLBody } from './graphql-error';

export { ApiError } from './graphql-error';

/**
 * Runs one GraphQL operation from a server component against the API, as the signed-in user: the browser's cookies
 * are forwarded, so the API applies its own access checks. Throws an ApiError with the API's messages and code.
 */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const cookieHeader = (await cookies()).toString();
  const response = await fetch(apiUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookieHeader ? { cookie: cookieHeader } : {}) },
    body: JSON.stringify({ query, variables }),
    cache: 'no-store',
  });
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new ApiError(
      [{ message: `API answered ${response.status} with a body that is not JSON` }],
      response.status,
    );
  }
  return dataOrThrow(body, response.status);
}

/**
 * Like `graphql`, for pages about one thing: a thing the user may not see is "not found" (the API does not say
 * whether it exists), and a signed-out visitor is sent to the sign-in page and back.
 */
export async function graphqlForPage<T>(
  query: string,
  variables: Record<string, unknown>,
  returnTo: string,
): Promise<T> {
  try {
    return await graphql<T>(query, variables);
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') notFound();
      if (error.code === 'UNAUTHENTICATED') redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
    }
    throw error;
  }
}

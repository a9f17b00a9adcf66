'use client';
import { dataOrThrow, type GraphQLBody } from './graphql-error';

export { ApiError } from './graphql-error';

/** Runs one GraphQL operation from the browser, through the web server's `/graphql` proxy, with the session cookie. */
export async function clientGraphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ query, variables }),
  });
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    body = { errors: [{ message: `The server answered ${response.status} ${response.statusText}` }] };
  }
  return dataOrThrow(body, response.status);
}

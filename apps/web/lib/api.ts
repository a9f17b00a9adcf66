/** The GraphQL endpoint the web server talks to (server side). */
export const apiUrl = process.env.SCSAMAC_API_URL ?? 'http://127.0.0.1:4000/graphql';

/** Runs one GraphQL operation against the API and returns its data, or throws with the API's messages. */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    cache: 'no-store',
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  if (!body.data) throw new Error(`API answered ${response.status} with no data`);
  return body.data;
}

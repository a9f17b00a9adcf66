import type { ApolloServer, BaseContext, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest GraphQL request body accepted, in bytes; uploads go through `POST /uploads`, not GraphQL. */
const maxBodyBytes = 1 << 20;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new Error(`request body over ${maxBodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves one HTTP request through Apollo Server. A plain node:http adapter (rather than Express) because the API
 * also streams uploads and artifacts on the same server and needs nothing else from a framework.
 */
export async function handleGraphQL<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  request: IncomingMessage,
  response: ServerResponse,
  context: () => Promise<TContext>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const raw = request.method === 'POST' ? await readBody(request) : '';
  let body: unknown = raw;
  if (raw && (headers.get('content-type') ?? '').includes('application/json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'request body is not valid JSON' }] }));
      return;
    }
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: request.method ?? 'GET',
    headers,
    search: url.search,
    body,
  };
  const result = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

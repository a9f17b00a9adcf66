import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Connection } from '@scsamac/db';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleGraphQL } from './http-graphql.js';
import { resolvers, typeDefs, type ApiContext } from './schema.js';

/** A running API: its HTTP server, its URL, and how to stop it. */
export interface RunningApi {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Starts the GraphQL API on `port` (0 picks a free one) over an open database connection. */
export async function startApi(
  connection: Connection,
  port: number,
  host = '127.0.0.1',
): Promise<RunningApi> {
  // The remote landing page loads from the internet; the web app bundles its own explorer instead.
  const apollo = new ApolloServer<ApiContext>({
    typeDefs,
    resolvers,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/graphql') {
      handleGraphQL(apollo, request, response, async () => ({ connection })).catch((error: unknown) => {
        response.statusCode = 400;
        response.end(JSON.stringify({ errors: [{ message: String((error as Error).message ?? error) }] }));
      });
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${address.port}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

'use client';
// Monaco's workers are bundled by Turbopack from node_modules (the "webpack" setup covers Turbopack): nothing is
// fetched from a CDN. The esm.sh setup that graphiql also ships would load them from the internet.
import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';

// The explorer talks to the same origin, so the session cookie of the signed-in user applies to its queries.
const fetcher = createGraphiQLFetcher({ url: '/graphql' });

const defaultQuery = `# Everything the web app shows is here. Try:
query MyProjects {
  viewer {
    email
  }
}
`;

/** GraphiQL, bundled with the app (no CDN), pointed at the API through the web server's `/graphql` proxy. */
export default function GraphiQLExplorer() {
  return (
    <div className="graphiql-host" data-testid="graphiql">
      <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />
    </div>
  );
}

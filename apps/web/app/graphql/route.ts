import { forwardToApi } from '../../lib/proxy';

// The browser's GraphQL endpoint (the app's own pages and the API explorer), forwarded to the API.
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return forwardToApi(request, '/graphql');
}

export function POST(request: Request): Promise<Response> {
  return forwardToApi(request, '/graphql');
}

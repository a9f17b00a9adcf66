import { forwardToApi } from '../../lib/proxy';

// File uploads stream through to the API's `POST /uploads`, which validates and stores them.
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return forwardToApi(request, '/uploads');
}

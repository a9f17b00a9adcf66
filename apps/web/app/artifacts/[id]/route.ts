import { forwardToApi } from '../../../lib/proxy';

// Downloads stream from the API's `GET /artifacts/:id`, which checks that the signed-in user may read them.
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return forwardToApi(request, `/artifacts/${encodeURIComponent(id)}`);
}

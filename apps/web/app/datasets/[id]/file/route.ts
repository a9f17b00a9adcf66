import { forwardToApi } from '../../../../lib/proxy';

// A dataset's stored file, streamed from the API's `GET /datasets/:id/file` with its access check.
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return forwardToApi(request, `/datasets/${encodeURIComponent(id)}/file`);
}

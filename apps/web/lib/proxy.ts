/**
 * Forwarding browser requests to the API through the web server, so the browser only ever talks to one origin:
 * the session cookie the API sets is first-party and no CORS is needed. The API's address is read at request time
 * (`SCSAMAC_API_URL`), so one production build serves any API port.
 */
import { apiOrigin } from './api-url';

// Hop-by-hop headers and headers that no longer describe the body once fetch has decoded it.
const droppedRequestHeaders = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'expect',
  'upgrade',
]);
const droppedResponseHeaders = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
]);

/** Sends `request` to the same path on the API and returns the API's answer as it is (status, headers, cookies). */
export async function forwardToApi(request: Request, path: string): Promise<Response> {
  const incoming = new URL(request.url);
  const target = new URL(path + incoming.search, apiOrigin());
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!droppedRequestHeaders.has(key.toLowerCase())) headers.set(key, value);
  });
  // The API sees the browser's own address and protocol, e.g. for its sign-in rate limit.
  headers.set('x-forwarded-host', incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let answer: Response;
  try {
    answer = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      cache: 'no-store',
      // Streams the upload to the API as it arrives instead of buffering it here.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    return Response.json(
      {
        errors: [
          {
            message: `API unreachable: ${(error as Error).message}`,
            extensions: { code: 'API_UNREACHABLE' },
          },
        ],
      },
      { status: 502 },
    );
  }
  const responseHeaders = new Headers();
  answer.headers.forEach((value, key) => {
    if (!droppedResponseHeaders.has(key) && key !== 'set-cookie') responseHeaders.set(key, value);
  });
  for (const cookie of answer.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie);
  return new Response(answer.body, {
    status: answer.status,
    statusText: answer.statusText,
    headers: responseHeaders,
  });
}

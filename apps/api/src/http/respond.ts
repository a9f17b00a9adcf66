import type { ServerResponse } from 'node:http';
import { httpStatusOf, type ErrorCode } from '../errors.js';

/** Sends a JSON body. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** Sends `{ error: { code, message } }` with the code's HTTP status (or `status`). */
export function sendError(response: ServerResponse, code: ErrorCode, message: string, status?: number): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, status ?? httpStatusOf[code], { error: { code, message } });
}

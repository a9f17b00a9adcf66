import type { IncomingMessage } from 'node:http';

/** Name of the session cookie. */
export const sessionCookieName = 'scsamac_session';

/** How long a session lasts without signing in again. */
export const sessionLifetimeMs = 30 * 24 * 3600 * 1000;

/** Reads one cookie from a request's Cookie header. */
export function readCookie(request: Pick<IncomingMessage, 'headers'>, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name)
      return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/**
 * The Set-Cookie value for a session: httpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/; Secure when the API is reached over HTTPS (as told by the request or a proxy's header).
 */
export function sessionCookie(
  value: string,
  secure: boolean,
  maxAgeSeconds = sessionLifetimeMs / 1000,
): string {
  const parts = [
    `${sessionCookieName}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(maxAgeSeconds)}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', secure, 0);
}

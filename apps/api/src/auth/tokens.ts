import { createHash, randomBytes } from 'node:crypto';

/** A new random secret (256 bits, base64url) with a recognisable prefix, for session cookies and API tokens. */
export function newSecret(prefix: 'ses' | 'sct'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** What the database stores instead of a secret: its hex sha256 (secrets are random, so no salt is needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

import { fileURLToPath } from 'node:url';

/** The read-only shared data folder beside the repository (`../shared`). */
export const sharedDir = fileURLToPath(new URL('../../../../../shared/', import.meta.url));

/** A path inside `../shared`. */
export function shared(path: string): string {
  return `${sharedDir}${path}`;
}

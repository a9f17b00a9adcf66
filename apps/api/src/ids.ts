/** Whether `id` looks like a UUID; other strings can name nothing, and must not reach PostgreSQL as a uuid. */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

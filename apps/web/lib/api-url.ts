/** The API's GraphQL endpoint as the web server reaches it (never the browser, which goes through the proxy). */
export function apiUrl(): string {
  return process.env.SCSAMAC_API_URL ?? 'http://127.0.0.1:4000/graphql';
}

/** The API's origin (scheme, host and port), where `/graphql`, `/uploads` and `/artifacts/:id` live. */
export function apiOrigin(): string {
  return new URL(apiUrl()).origin;
}

import { openDatabase, type Connection } from '@scsamac/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from './server.js';

let connection: Connection;
let api: RunningApi;

beforeAll(async () => {
  connection = await openDatabase({ url: '', dataDir: 'memory://' });
  api = await startApi(connection, 0);
});
afterAll(async () => {
  await api.stop();
  await connection.close();
});

describe('GraphQL API', () => {
  it('answers the health query from the database', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { ok database { kind serverVersion } } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: { health: { ok: boolean; database: { kind: string; serverVersion: string } } };
    };
    expect(body.data.health.ok).toBe(true);
    expect(body.data.health.database.kind).toBe('pglite');
    expect(body.data.health.database.serverVersion).toMatch(/PostgreSQL/);
  });

  it('serves no landing page that would load from the internet', async () => {
    const response = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/apollographql\.com|embeddable-sandbox/);
  });
});

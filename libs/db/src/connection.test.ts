import { afterAll, describe, expect, it } from 'vitest';
import { checkHealth, openDatabase, type Connection } from './connection.js';

const opened: Connection[] = [];
afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.close()));
});

describe('openDatabase', () => {
  it('opens an embedded PGlite database and answers a health check', async () => {
    const connection = await openDatabase({ url: '', dataDir: 'memory://' });
    opened.push(connection);
    const health = await checkHealth(connection);
    expect(health.kind).toBe('pglite');
    expect(health.serverVersion).toMatch(/PostgreSQL/);
  });

  it('opens the PostgreSQL server named by a URL', async () => {
    const connection = await openDatabase({
      url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    });
    opened.push(connection);
    const health = await checkHealth(connection);
    expect(health.kind).toBe('postgres');
    expect(health.serverVersion).toMatch(/PostgreSQL 1\d/);
  });

  it('names the server when it cannot connect', async () => {
    await expect(openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toThrow(
      /ECONNREFUSED|connect/,
    );
  });
});
